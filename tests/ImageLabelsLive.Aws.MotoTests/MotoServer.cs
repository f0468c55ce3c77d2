using System.Diagnostics;

namespace ImageLabelsLive.Aws.MotoTests;

/// <summary>
/// One moto_server (moto 5.2, https://github.com/getmoto/moto) on a free port of 127.0.0.1 for the whole suite:
/// S3, DynamoDB, SNS, Rekognition and the API Gateway management API on one endpoint. The `moto_server` script is
/// used when on PATH, else `python3.11 -m moto.server`. Without either, every test skips with <see cref="SkipReason"/>.
/// </summary>
public sealed class MotoServer : IAsyncLifetime
{
    private ServerProcess? process;

    public Uri Endpoint { get; private set; } = new("http://127.0.0.1:1/");

    public string? SkipReason { get; private set; }

    public async Task InitializeAsync()
    {
        // The SDK clients resolve credentials and region from the environment, as on Lambda; moto accepts any key.
        Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", "AKIDMOTO");
        Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", "moto-secret");
        Environment.SetEnvironmentVariable("AWS_REGION", "us-east-1");

        var port = ServerProcess.FreePort();
        var start = ServerProcess.FindOnPath("moto_server") is { } script
            ? new ProcessStartInfo(script) { ArgumentList = { "-H", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture) } }
            : ServerProcess.FindOnPath("python3.11") is { } python
                ? new ProcessStartInfo(python) { ArgumentList = { "-m", "moto.server", "-H", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture) } }
                : null;
        if (start is null)
        {
            SkipReason = "moto is not installed (neither moto_server nor python3.11 on PATH); `pip install 'moto[server]==5.2.1'` runs this suite.";
            return;
        }
        process = ServerProcess.Start(start);
        Endpoint = new Uri($"http://127.0.0.1:{port}/");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        if (!await process.WaitUntilAnsweringAsync($"moto_server on {Endpoint}", ServerProcess.Returns200(http, new Uri(Endpoint, "moto-api/data.json")), TimeSpan.FromSeconds(40), TimeSpan.FromMilliseconds(200)))
        {
            SkipReason = $"moto_server exited at start with code {process.ExitCode} (is moto[server] installed for this Python?).";
        }
    }

    public Task DisposeAsync()
    {
        process?.Dispose();
        return Task.CompletedTask;
    }
}

[CollectionDefinition(Name)]
public sealed class MotoGroup : ICollectionFixture<MotoServer>
{
    public const string Name = "moto_server";
}
