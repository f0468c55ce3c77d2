using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;

namespace ImageLabelsLive.Testing.LocalApp;

/// <summary>Where the running stack's parts answer, as GET /local/endpoints says.</summary>
public sealed record StackEndpoints(
    string S3, string Dynamodb, string Sns, string Rekognition, string Apigatewaymanagementapi, string Mailbox,
    string UploadBucket, string ImagesTable, string ConnectionsTable, string TopicArn, string Region);

/// <summary>
/// The real local host as a child process (the built executable, with its sidecars) on a free port and
/// its own data folder; stopped with SIGTERM, as Ctrl-C would stop it.
/// </summary>
public sealed class LocalAppProcess : IAsyncDisposable
{
    private readonly ServerProcess host;

    private LocalAppProcess(ServerProcess host, Uri baseUrl, string dataDirectory)
    {
        this.host = host;
        BaseUrl = baseUrl;
        DataDirectory = dataDirectory;
    }

    public Uri BaseUrl { get; }
    public string DataDirectory { get; }
    public int ProcessId => host.Id;
    public bool HasExited => host.HasExited;
    public int ExitCode => host.ExitCode;

    public string Log => host.Log;

    /// <summary>Starts the host and waits until GET /health answers 200.</summary>
    public static async Task<LocalAppProcess> StartAsync(HttpClient http, IReadOnlyDictionary<string, string>? environment = null)
    {
        var port = ServerProcess.FreePort();
        var dataDirectory = Path.Combine(Path.GetTempPath(), "ill-it-" + Guid.NewGuid().ToString("N")[..8]);
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = SharedData.RepositoryRoot };
        info.ArgumentList.Add(ServerProcess.LocalHostAssembly());
        foreach (var argument in new[] { "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--data", dataDirectory, "--fresh" })
        {
            info.ArgumentList.Add(argument);
        }
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }
        var app = new LocalAppProcess(ServerProcess.Start(info), new Uri($"http://127.0.0.1:{port}/"), dataDirectory);
        if (!await app.host.WaitUntilAnsweringAsync("The local host", ServerProcess.Returns200(http, new Uri(app.BaseUrl, "health")), TimeSpan.FromSeconds(120), TimeSpan.FromMilliseconds(250)))
        {
            throw new InvalidOperationException($"The local host exited with {app.ExitCode}:\n{app.Log}");
        }
        return app;
    }

    /// <summary>Sends SIGTERM (what Ctrl-C and service managers send) and waits for the exit.</summary>
    public async Task<int> StopAsync(TimeSpan timeout)
    {
        if (!await host.TerminateAsync(timeout))
        {
            host.Kill();
            throw new TimeoutException($"The local host did not stop within {timeout.TotalSeconds} s of SIGTERM.");
        }
        return host.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync(TimeSpan.FromSeconds(20));
        }
        catch (TimeoutException)
        {
            // Already killed; nothing more to do.
        }
        host.Dispose();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A sidecar may still be letting go of a file; the folder is in /tmp.
        }
    }
}

/// <summary>
/// One local host for all integration tests of the collection. A derived fixture may start it with extra
/// environment variables (the host's fault-injection hooks, function settings).
/// </summary>
public class LocalAppFixture : IAsyncLifetime
{
    private readonly IReadOnlyDictionary<string, string> environment;
    private LocalAppProcess? app;

    public LocalAppFixture()
        : this(new Dictionary<string, string>(StringComparer.Ordinal))
    {
    }

    protected LocalAppFixture(IReadOnlyDictionary<string, string> environment)
    {
        this.environment = environment;
    }

    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(30) };
    public Uri BaseUrl => App.BaseUrl;
    public StackEndpoints Endpoints { get; private set; } = null!;
    public LocalAppProcess App => app ?? throw new InvalidOperationException("The fixture has not started.");

    /// <summary>Presigned URLs live this long in the integration run, so the expiry test does not wait minutes.</summary>
    public static TimeSpan UploadUrlLifetime { get; } = TimeSpan.FromSeconds(6);

    public async Task InitializeAsync()
    {
        var settings = new Dictionary<string, string>(environment, StringComparer.Ordinal)
        {
            ["UPLOAD_URL_TTL_SECONDS"] = ((int)UploadUrlLifetime.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        app = await LocalAppProcess.StartAsync(Http, settings);
        Endpoints = (await Http.GetFromJsonAsync<StackEndpoints>(new Uri(BaseUrl, "local/endpoints"), new JsonSerializerOptions(JsonSerializerDefaults.Web)))!;
    }

    public async Task DisposeAsync()
    {
        if (app is not null)
        {
            await app.DisposeAsync();
        }
        Http.Dispose();
    }

    public Uri Api(string path) => new(BaseUrl, "api/" + path.TrimStart('/'));

    public Uri WebSocketUrl(string feedId) => new($"ws://{BaseUrl.Authority}/ws?feed={Uri.EscapeDataString(feedId)}");
}
