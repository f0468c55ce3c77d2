using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;

namespace ImageLabelsLive.LocalHost.Tests;

/// <summary>Where the running stack's parts answer, as GET /local/endpoints says.</summary>
public sealed record StackEndpoints(
    string S3, string Dynamodb, string Sns, string Rekognition, string Apigatewaymanagementapi, string Mailbox,
    string UploadBucket, string ImagesTable, string ConnectionsTable, string TopicArn, string Region);

/// <summary>
/// Starts the real local host (the built executable, with its sidecars) once for all integration tests,
/// on a free port and an empty data folder, and stops it with SIGTERM as Ctrl-C would.
/// </summary>
public sealed class LocalAppFixture : IAsyncLifetime
{
    private readonly string dataDirectory = Path.Combine(Path.GetTempPath(), "ill-it-" + Guid.NewGuid().ToString("N")[..8]);
    private Process? host;
    private readonly System.Text.StringBuilder log = new();

    public Uri BaseUrl { get; private set; } = null!;
    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(30) };
    public StackEndpoints Endpoints { get; private set; } = null!;
    public string Log
    {
        get { lock (log) { return log.ToString(); } }
    }

    /// <summary>Presigned URLs live this long in the integration run, so the expiry test does not wait minutes.</summary>
    public static TimeSpan UploadUrlLifetime { get; } = TimeSpan.FromSeconds(6);

    public async Task InitializeAsync()
    {
        var port = FreePort();
        BaseUrl = new Uri($"http://127.0.0.1:{port}/");
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = SharedData.RepositoryRoot,
        };
        info.ArgumentList.Add(HostAssembly());
        foreach (var argument in new[] { "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--data", dataDirectory, "--fresh" })
        {
            info.ArgumentList.Add(argument);
        }
        info.Environment["UPLOAD_URL_TTL_SECONDS"] = ((int)UploadUrlLifetime.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        host = Process.Start(info) ?? throw new InvalidOperationException("The local host did not start.");
        host.OutputDataReceived += (_, line) => { lock (log) { log.AppendLine(line.Data); } };
        host.ErrorDataReceived += (_, line) => { lock (log) { log.AppendLine(line.Data); } };
        host.BeginOutputReadLine();
        host.BeginErrorReadLine();

        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (host.HasExited)
            {
                throw new InvalidOperationException($"The local host exited with {host.ExitCode}:\n{Log}");
            }
            try
            {
                using var health = await Http.GetAsync(new Uri(BaseUrl, "health"));
                if (health.StatusCode == HttpStatusCode.OK)
                {
                    break;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            if (deadline.Elapsed > TimeSpan.FromSeconds(120))
            {
                throw new TimeoutException($"The local host was not healthy after 120 s:\n{Log}");
            }
            await Task.Delay(250);
        }
        Endpoints = (await Http.GetFromJsonAsync<StackEndpoints>(new Uri(BaseUrl, "local/endpoints"), new JsonSerializerOptions(JsonSerializerDefaults.Web)))!;
    }

    public async Task DisposeAsync()
    {
        if (host is { HasExited: false })
        {
            using (var term = Process.Start("kill", ["-TERM", host.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await term.WaitForExitAsync();
            }
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            try
            {
                await host.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                host.Kill(entireProcessTree: true);
            }
        }
        host?.Dispose();
        Http.Dispose();
        try
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A sidecar may still be letting go of a file; the folder is in /tmp.
        }
    }

    public Uri Api(string path) => new(BaseUrl, "api/" + path.TrimStart('/'));

    public Uri WebSocketUrl(string feedId) => new($"ws://{BaseUrl.Authority}/ws?feed={Uri.EscapeDataString(feedId)}");

    private static string HostAssembly()
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var path = Path.Combine(SharedData.RepositoryRoot, "infra", "local", "ImageLabelsLive.LocalHost", "bin", configuration, "net10.0", "ImageLabelsLive.LocalHost.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException("Build the local host first (dotnet build).", path);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

[CollectionDefinition(Name)]
public sealed class SharedLocalApp : ICollectionFixture<LocalAppFixture>
{
    public const string Name = "local app";
}
