using System.Diagnostics;
using System.Globalization;

namespace ImageLabelsLive.CrashDrills.Tests;

/// <summary>
/// The built local host as a child process in a process group of its own (started through setsid), so a drill can
/// crash it as a power cut or an OOM kill would: SIGKILL to the whole group, host and sidecars at once.
/// </summary>
public sealed class DrillHost : IAsyncDisposable
{
    private readonly ServerProcess process;

    private DrillHost(ServerProcess process, Uri baseUrl)
    {
        this.process = process;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    public string Log => process.Log;

    /// <summary>Starts the host on <paramref name="port"/> with <paramref name="dataDirectory"/> and waits until it is healthy.</summary>
    public static async Task<DrillHost> StartAsync(HttpClient http, int port, string dataDirectory, IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo("setsid") { WorkingDirectory = SharedData.RepositoryRoot };
        foreach (var argument in new[] { "dotnet", ServerProcess.LocalHostAssembly(), "--port", port.ToString(CultureInfo.InvariantCulture), "--data", dataDirectory })
        {
            info.ArgumentList.Add(argument);
        }
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }
        var host = new DrillHost(ServerProcess.Start(info), new Uri($"http://127.0.0.1:{port}/"));
        if (!await host.process.WaitUntilAnsweringAsync("The local host", ServerProcess.Returns200(http, new Uri(host.BaseUrl, "health")), TimeSpan.FromSeconds(90), TimeSpan.FromMilliseconds(100)))
        {
            throw new InvalidOperationException($"The local host exited with {host.process.ExitCode}:\n{host.Log}");
        }
        return host;
    }

    /// <summary>A crash: SIGKILL to the host's whole process group (host, dynalite, maildev, detector).</summary>
    public Task KillGroupAsync() => process.KillGroupAsync();

    /// <summary>A crash of the host alone (as the OOM killer picks one process): SIGKILL to its pid, not its group.</summary>
    public Task KillHostAloneAsync() => ServerProcess.SignalAsync("-KILL", process.Id.ToString(CultureInfo.InvariantCulture));

    /// <summary>The host's child processes (its sidecars), from each process's parent pid in /proc.</summary>
    public IReadOnlyList<int> ChildProcessIds() =>
        [.. LinuxProcesses.All().Where(entry => entry.ParentPid == process.Id).Select(entry => entry.Pid)];

    /// <summary>A stop: SIGTERM to the host alone, which drains and stops its sidecars; waits for it to exit.</summary>
    public async Task TerminateAsync(TimeSpan timeout)
    {
        if (!await process.TerminateAsync(timeout))
        {
            await KillGroupAsync();
            throw new TimeoutException($"The host did not exit within {timeout.TotalSeconds} s of SIGTERM:\n{Log}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        // The whole group even when the host has exited, so that no sidecar outlives a drill.
        await KillGroupAsync();
        process.Dispose();
    }
}
