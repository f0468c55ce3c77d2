using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ImageLabelsLive.Aws.MotoTests;

/// <summary>
/// One moto_server (moto 5.2, https://github.com/getmoto/moto) on a free port of 127.0.0.1 for the whole suite:
/// S3, DynamoDB, SNS, Rekognition and the API Gateway management API on one endpoint. The `moto_server` script is
/// used when on PATH, else `python3.11 -m moto.server`. Without either, every test skips with <see cref="SkipReason"/>.
/// </summary>
public sealed class MotoServer : IAsyncLifetime
{
    private Process? process;

    public Uri Endpoint { get; private set; } = new("http://127.0.0.1:1/");

    public string? SkipReason { get; private set; }

    public async Task InitializeAsync()
    {
        // The SDK clients resolve credentials and region from the environment, as on Lambda; moto accepts any key.
        Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", "AKIDMOTO");
        Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", "moto-secret");
        Environment.SetEnvironmentVariable("AWS_REGION", "us-east-1");

        var port = FreePort();
        var start = FindOnPath("moto_server") is { } script
            ? new ProcessStartInfo(script) { ArgumentList = { "-H", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture) } }
            : FindOnPath("python3.11") is { } python
                ? new ProcessStartInfo(python) { ArgumentList = { "-m", "moto.server", "-H", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture) } }
                : null;
        if (start is null)
        {
            SkipReason = "moto is not installed (neither moto_server nor python3.11 on PATH); `pip install 'moto[server]==5.2.1'` runs this suite.";
            return;
        }
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        Endpoint = new Uri($"http://127.0.0.1:{port}/");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(40);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                SkipReason = $"moto_server exited at start with code {process.ExitCode} (is moto[server] installed for this Python?).";
                return;
            }
            try
            {
                using var answer = await http.GetAsync(new Uri(Endpoint, "moto-api/data.json"));
                if (answer.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Starting slowly under load.
            }
            await Task.Delay(200);
        }
        throw new InvalidOperationException($"moto_server did not answer on {Endpoint} within 40 s.");
    }

    public Task DisposeAsync()
    {
        if (process is { HasExited: false })
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(5000);
        }
        process?.Dispose();
        return Task.CompletedTask;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string? FindOnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, program))
            .FirstOrDefault(File.Exists);
}

[CollectionDefinition(Name)]
public sealed class MotoGroup : ICollectionFixture<MotoServer>
{
    public const string Name = "moto_server";
}
