using System.Diagnostics;
using System.Text.Json.Nodes;

namespace ImageLabelsLive.Benchmarks.Harness;

/// <summary>
/// The real local stack as a user runs it: the LocalHost (built in Release, as run.sh does) started as a child
/// process on a free port with a fresh data folder, ready once GET /health answers 200. Stopped with SIGTERM,
/// which stops its sidecars too.
/// </summary>
internal sealed class LocalHostProcess : IAsyncDisposable
{
    private readonly ServerProcess process;
    private readonly string dataDirectory;

    private LocalHostProcess(ServerProcess process, Uri baseUri, string dataDirectory, string logPath, JsonObject endpoints)
    {
        this.process = process;
        this.dataDirectory = dataDirectory;
        BaseUri = baseUri;
        LogPath = logPath;
        Endpoints = endpoints;
    }

    public Uri BaseUri { get; }

    public string LogPath { get; }

    /// <summary>GET /local/endpoints: where each played AWS service answers.</summary>
    public JsonObject Endpoints { get; }

    public int ProcessId => process.Id;

    public static string AssemblyPath(BenchmarkContext context) =>
        Path.Combine(context.RepositoryRoot, "infra", "local", "ImageLabelsLive.LocalHost", "bin", "Release", "net10.0", "ImageLabelsLive.LocalHost.dll");

    /// <summary>
    /// Builds and starts a host. <paramref name="name"/> keeps a second host's data folder and log apart from the
    /// shared one's; <paramref name="environment"/> is set on its process (function settings such as ANALYZE_FACES).
    /// </summary>
    public static async Task<LocalHostProcess> StartAsync(BenchmarkContext context, CancellationToken cancellationToken, string name = "host", IReadOnlyDictionary<string, string>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Progress("building the local host (Release, as run.sh does)");
        await ChildProcess.DotnetAsync(context, "build", Path.Combine(context.RepositoryRoot, "infra", "local", "ImageLabelsLive.LocalHost"), "-c", "Release", "-v", "quiet", "-clp:ErrorsOnly").ConfigureAwait(false);

        var port = ServerProcess.FreePort();
        var dataDirectory = Path.Combine(context.WorkDirectory, $"{name}-data-" + Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var logPath = Path.Combine(context.WorkDirectory, $"{name}.log");
        Directory.CreateDirectory(context.WorkDirectory);
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = context.RepositoryRoot };
        foreach (var argument in new[] { AssemblyPath(context), "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--data", dataDirectory, "--fresh" })
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var (variable, value) in environment ?? new Dictionary<string, string>(StringComparer.Ordinal))
        {
            start.Environment[variable] = value;
        }
        // Buffered: the host logs every request, and a flush per line would cost this process CPU mid-measurement.
        var process = ServerProcess.Start(start, new StreamWriter(logPath, append: false));

        var baseUri = new Uri($"http://127.0.0.1:{port}/");
        context.Progress($"starting the local host on {baseUri} (log: {Path.GetRelativePath(context.RepositoryRoot, logPath)})");
        using var http = new HttpClient { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(5) };
        var started = Stopwatch.StartNew();
        bool healthy;
        try
        {
            healthy = await process.WaitUntilAnsweringAsync("The local host", ServerProcess.Returns200(http, new Uri("health", UriKind.Relative)), TimeSpan.FromMinutes(4), TimeSpan.FromMilliseconds(250), cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException timeout)
        {
            process.Dispose();
            throw new TimeoutException($"The local host was not healthy within 4 minutes; see {logPath}.", timeout);
        }
        if (!healthy)
        {
            var exitCode = process.ExitCode;
            process.Dispose();
            throw new InvalidOperationException($"The local host exited with {exitCode} before it was healthy; see {logPath}.");
        }
        context.Progress($"local host healthy after {started.Elapsed.TotalSeconds:0.0} s");
        var endpoints = JsonNode.Parse(await http.GetStringAsync(new Uri("local/endpoints", UriKind.Relative), cancellationToken).ConfigureAwait(false)) as JsonObject ?? [];
        return new LocalHostProcess(process, baseUri, dataDirectory, logPath, endpoints);
    }

    public async ValueTask DisposeAsync()
    {
        // SIGTERM: the host stops its sidecars on the way out; SIGKILL would orphan them.
        if (!await process.TerminateAsync(TimeSpan.FromSeconds(20)).ConfigureAwait(false))
        {
            process.Kill();
        }
        process.Dispose();
        try
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A sidecar still closing a file; the folder is under bin/ and the next run replaces it.
        }
    }
}
