using System.Diagnostics;
using System.Text;

namespace ImageLabelsLive.Testing;

/// <summary>
/// A real DynamoDB implementation for tests: dynalite (npm) run by node, in memory, on a free 127.0.0.1 port.
/// cli.js is taken from ILL_DYNALITE_CLI, else from the sidecars' node_modules (infra/local/sidecars, `npm ci`).
/// Disposing kills the process. When node or dynalite is missing, <see cref="StartAsync"/> fails saying how to install them.
/// </summary>
public sealed class DynaliteProcess : IAsyncDisposable, IDisposable
{
    public const string CliVariable = "ILL_DYNALITE_CLI";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private readonly ServerProcess process;

    private DynaliteProcess(ServerProcess process, Uri endpoint)
    {
        this.process = process;
        Endpoint = endpoint;
    }

    /// <summary>Where dynalite answers, e.g. http://127.0.0.1:41234/ (a ServiceURL for AmazonDynamoDBConfig).</summary>
    public Uri Endpoint { get; }

    /// <summary>What dynalite printed so far, for failure messages.</summary>
    public string Output => process.Log;

    /// <summary>The cli.js this machine would run: ILL_DYNALITE_CLI, else the sidecars' installed dynalite.</summary>
    public static string CliPath
    {
        get
        {
            var configured = Environment.GetEnvironmentVariable(CliVariable);
            return string.IsNullOrWhiteSpace(configured)
                ? Path.Combine(SharedData.RepositoryRoot, "infra", "local", "sidecars", "node_modules", "dynalite", "cli.js")
                : Path.GetFullPath(configured);
        }
    }

    public static async Task<DynaliteProcess> StartAsync(CancellationToken cancellationToken = default)
    {
        var node = ServerProcess.FindOnPath("node") ?? throw new InvalidOperationException(
            "The DynamoDB adapter tests run dynalite, which needs Node.js 20 or later on PATH, and node was not found. "
            + "Install Node.js (for example `apt-get install nodejs npm`), then run `npm ci` in infra/local/sidecars.");
        var cli = CliPath;
        if (!File.Exists(cli))
        {
            throw new InvalidOperationException(
                $"The DynamoDB adapter tests run dynalite, and {cli} does not exist. "
                + "Run `npm ci` in infra/local/sidecars (./test.sh does), or install it elsewhere with "
                + $"`npm install --prefix /tmp/dynalite dynalite@4.0.0` and set {CliVariable}=/tmp/dynalite/node_modules/dynalite/cli.js.");
        }

        // A port taken between choosing and binding makes dynalite exit at once; another port is tried.
        Exception? lastFailure = null;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            try
            {
                return await StartOnAsync(node, cli, ServerProcess.FreePort(), cancellationToken).ConfigureAwait(false);
            }
            catch (DynaliteExitedException exited)
            {
                lastFailure = exited;
            }
        }
        throw new InvalidOperationException("dynalite did not start after three attempts.", lastFailure);
    }

    public void Dispose() => process.Dispose();

    public ValueTask DisposeAsync() => process.DisposeAsync();

    private static async Task<DynaliteProcess> StartOnAsync(string node, string cli, int port, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(node) { WorkingDirectory = Path.GetDirectoryName(cli)! };
        // No --path: the store lives in memory and vanishes with the process. Tables are ACTIVE at once.
        foreach (var argument in new[] { cli, "--host", "127.0.0.1", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--createTableMs", "0", "--deleteTableMs", "0", "--updateTableMs", "0" })
        {
            start.ArgumentList.Add(argument);
        }
        var dynalite = new DynaliteProcess(ServerProcess.Start(start), new Uri($"http://127.0.0.1:{port}/"));
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
            if (!await dynalite.process.WaitUntilAnsweringAsync($"dynalite on {dynalite.Endpoint}", dynalite.AnswersAsync(http), StartTimeout, TimeSpan.FromMilliseconds(50), cancellationToken).ConfigureAwait(false))
            {
                throw new DynaliteExitedException($"dynalite exited with code {dynalite.process.ExitCode}: {dynalite.Output}");
            }
            return dynalite;
        }
        catch
        {
            dynalite.Dispose();
            throw;
        }
    }

    /// <summary>Any HTTP answer (dynalite refuses an unsigned call with 400) means it is serving.</summary>
    private Func<CancellationToken, Task<bool>> AnswersAsync(HttpClient http) => async cancellationToken =>
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Endpoint) { Content = new StringContent("{}", Encoding.UTF8, "application/x-amz-json-1.0") };
        request.Headers.TryAddWithoutValidation("X-Amz-Target", "DynamoDB_20120810.ListTables");
        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        return true;
    };

    private sealed class DynaliteExitedException(string message) : Exception(message);
}
