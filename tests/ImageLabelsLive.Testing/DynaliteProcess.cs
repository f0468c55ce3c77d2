using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
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

    private readonly Process process;
    private readonly StringBuilder output;
    private bool disposed;

    private DynaliteProcess(Process process, StringBuilder output, Uri endpoint)
    {
        this.process = process;
        this.output = output;
        Endpoint = endpoint;
    }

    /// <summary>Where dynalite answers, e.g. http://127.0.0.1:41234/ (a ServiceURL for AmazonDynamoDBConfig).</summary>
    public Uri Endpoint { get; }

    /// <summary>What dynalite printed so far, for failure messages.</summary>
    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

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
        var node = FindOnPath("node") ?? throw new InvalidOperationException(
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
                return await StartOnAsync(node, cli, FreePort(), cancellationToken).ConfigureAwait(false);
            }
            catch (DynaliteExitedException exited)
            {
                lastFailure = exited;
            }
        }
        throw new InvalidOperationException("dynalite did not start after three attempts.", lastFailure);
    }

    public void Dispose()
    {
        if (disposed)
        {
            return;
        }
        disposed = true;
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(5_000);
            }
        }
        catch (InvalidOperationException)
        {
            // It exited between the check and the kill.
        }
        process.Dispose();
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    private static async Task<DynaliteProcess> StartOnAsync(string node, string cli, int port, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(node)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(cli)!,
        };
        // No --path: the store lives in memory and vanishes with the process. Tables are ACTIVE at once.
        foreach (var argument in new[] { cli, "--host", "127.0.0.1", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--createTableMs", "0", "--deleteTableMs", "0", "--updateTableMs", "0" })
        {
            start.ArgumentList.Add(argument);
        }
        var output = new StringBuilder();
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, line) => Append(output, line.Data);
        process.ErrorDataReceived += (_, line) => Append(output, line.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var dynalite = new DynaliteProcess(process, output, new Uri($"http://127.0.0.1:{port}/"));
        try
        {
            await dynalite.WaitUntilAnsweringAsync(cancellationToken).ConfigureAwait(false);
            return dynalite;
        }
        catch
        {
            dynalite.Dispose();
            throw;
        }
    }

    private async Task WaitUntilAnsweringAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < StartTimeout)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (process.HasExited)
            {
                throw new DynaliteExitedException($"dynalite exited with code {process.ExitCode}: {Output}");
            }
            try
            {
                // Any HTTP answer (dynalite refuses an unsigned call with 400) means it is serving.
                using var request = new HttpRequestMessage(HttpMethod.Post, Endpoint) { Content = new StringContent("{}", Encoding.UTF8, "application/x-amz-json-1.0") };
                request.Headers.TryAddWithoutValidation("X-Amz-Target", "DynamoDB_20120810.ListTables");
                using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
            }
            await Task.Delay(50, cancellationToken).ConfigureAwait(false);
        }
        throw new TimeoutException($"dynalite did not answer on {Endpoint} within {StartTimeout.TotalSeconds} s: {Output}");
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (output)
        {
            output.AppendLine(line);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static string? FindOnPath(string program)
    {
        var names = OperatingSystem.IsWindows() ? new[] { program + ".exe", program + ".cmd" } : new[] { program };
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var name in names)
            {
                var candidate = Path.Combine(directory, name);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }
        return null;
    }

    private sealed class DynaliteExitedException(string message) : Exception(message);
}
