using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;

namespace ImageLabelsLive.CrashDrills.Tests;

/// <summary>
/// The built local host as a child process in a process group of its own (started through setsid), so a drill can
/// crash it as a power cut or an OOM kill would: SIGKILL to the whole group, host and sidecars at once.
/// </summary>
public sealed class DrillHost : IAsyncDisposable
{
    private readonly StringBuilder log = new();
    private readonly Process process;

    private DrillHost(Process process, Uri baseUrl)
    {
        this.process = process;
        BaseUrl = baseUrl;
        process.OutputDataReceived += (_, line) => { lock (log) { log.AppendLine(line.Data); } };
        process.ErrorDataReceived += (_, line) => { lock (log) { log.AppendLine(line.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public Uri BaseUrl { get; }

    public string Log
    {
        get { lock (log) { return log.ToString(); } }
    }

    /// <summary>Starts the host on <paramref name="port"/> with <paramref name="dataDirectory"/> and waits until it is healthy.</summary>
    public static async Task<DrillHost> StartAsync(HttpClient http, int port, string dataDirectory, IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo("setsid")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = SharedData.RepositoryRoot,
        };
        foreach (var argument in new[] { "dotnet", HostAssembly(), "--port", port.ToString(CultureInfo.InvariantCulture), "--data", dataDirectory })
        {
            info.ArgumentList.Add(argument);
        }
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }
        var host = new DrillHost(Process.Start(info) ?? throw new InvalidOperationException("The local host did not start."), new Uri($"http://127.0.0.1:{port}/"));
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (host.process.HasExited)
            {
                throw new InvalidOperationException($"The local host exited with {host.process.ExitCode}:\n{host.Log}");
            }
            try
            {
                using var health = await http.GetAsync(new Uri(host.BaseUrl, "health"));
                if (health.StatusCode == HttpStatusCode.OK)
                {
                    return host;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            if (deadline.Elapsed > TimeSpan.FromSeconds(90))
            {
                throw new TimeoutException($"The local host was not healthy after 90 s:\n{host.Log}");
            }
            await Task.Delay(100);
        }
    }

    /// <summary>A crash: SIGKILL to the host's whole process group (host, dynalite, maildev, detector).</summary>
    public async Task KillGroupAsync()
    {
        await SignalAsync("-KILL", "-" + process.Id.ToString(CultureInfo.InvariantCulture));
        await process.WaitForExitAsync();
    }

    /// <summary>A stop: SIGTERM to the host alone, which drains and stops its sidecars; waits for it to exit.</summary>
    public async Task TerminateAsync(TimeSpan timeout)
    {
        await SignalAsync("-TERM", process.Id.ToString(CultureInfo.InvariantCulture));
        using var wait = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(wait.Token);
        }
        catch (OperationCanceledException)
        {
            await KillGroupAsync();
            throw new TimeoutException($"The host did not exit within {timeout.TotalSeconds} s of SIGTERM:\n{Log}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            await KillGroupAsync();
        }
        process.Dispose();
    }

    private static async Task SignalAsync(string signal, string target)
    {
        using var kill = Process.Start("kill", [signal, "--", target]) ?? throw new InvalidOperationException("kill did not start.");
        await kill.WaitForExitAsync();
    }

    private static string HostAssembly()
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var path = Path.Combine(SharedData.RepositoryRoot, "infra", "local", "ImageLabelsLive.LocalHost", "bin", configuration, "net10.0", "ImageLabelsLive.LocalHost.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException("Build the local host first (dotnet build).", path);
    }
}
