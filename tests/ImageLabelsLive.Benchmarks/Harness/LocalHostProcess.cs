using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;

namespace ImageLabelsLive.Benchmarks.Harness;

/// <summary>
/// The real local stack as a user runs it: the LocalHost (built in Release, as run.sh does) started as a child
/// process on a free port with a fresh data folder, ready once GET /health answers 200. Stopped with SIGTERM,
/// which stops its sidecars too.
/// </summary>
internal sealed class LocalHostProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly string dataDirectory;

    private readonly StreamWriter log;

    private LocalHostProcess(Process process, StreamWriter log, Uri baseUri, string dataDirectory, string logPath, JsonObject endpoints)
    {
        this.process = process;
        this.log = log;
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

        var port = FreePort();
        var dataDirectory = Path.Combine(context.WorkDirectory, $"{name}-data-" + Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var logPath = Path.Combine(context.WorkDirectory, $"{name}.log");
        Directory.CreateDirectory(context.WorkDirectory);
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = context.RepositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { AssemblyPath(context), "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--data", dataDirectory, "--fresh" })
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var (variable, value) in environment ?? new Dictionary<string, string>(StringComparer.Ordinal))
        {
            start.Environment[variable] = value;
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the local host.");
        // Buffered: the host logs every request, and a flush per line would cost this process CPU mid-measurement.
        var log = new StreamWriter(logPath, append: false);
        process.OutputDataReceived += (_, line) => Write(log, line.Data);
        process.ErrorDataReceived += (_, line) => Write(log, line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var baseUri = new Uri($"http://127.0.0.1:{port}/");
        context.Progress($"starting the local host on {baseUri} (log: {Path.GetRelativePath(context.RepositoryRoot, logPath)})");
        using var http = new HttpClient { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(5) };
        var started = Stopwatch.StartNew();
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (process.HasExited)
            {
                Flush(log);
                throw new InvalidOperationException($"The local host exited with {process.ExitCode} before it was healthy; see {logPath}.");
            }
            if (started.Elapsed > TimeSpan.FromMinutes(4))
            {
                process.Kill(entireProcessTree: true);
                Flush(log);
                throw new TimeoutException($"The local host was not healthy within 4 minutes; see {logPath}.");
            }
            try
            {
                using var health = await http.GetAsync(new Uri("health", UriKind.Relative), cancellationToken).ConfigureAwait(false);
                if (health.StatusCode == HttpStatusCode.OK)
                {
                    break;
                }
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }
            await Task.Delay(250, cancellationToken).ConfigureAwait(false);
        }
        context.Progress($"local host healthy after {started.Elapsed.TotalSeconds:0.0} s");
        var endpoints = JsonNode.Parse(await http.GetStringAsync(new Uri("local/endpoints", UriKind.Relative), cancellationToken).ConfigureAwait(false)) as JsonObject ?? [];
        return new LocalHostProcess(process, log, baseUri, dataDirectory, logPath, endpoints);
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            // SIGTERM: the host stops its sidecars on the way out; SIGKILL would orphan them.
            using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync().ConfigureAwait(false);
            }
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            try
            {
                await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        process.Dispose();
        lock (log)
        {
            log.Dispose();
        }
        try
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A sidecar still closing a file; the folder is under bin/ and the next run replaces it.
        }
    }

    private static void Flush(StreamWriter log)
    {
        lock (log)
        {
            log.Flush();
        }
    }

    private static void Write(StreamWriter log, string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (log)
        {
            log.WriteLine(line);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
