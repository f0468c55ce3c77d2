using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace ImageLabelsLive.LocalHost.Sidecars;

/// <summary>How to start one sidecar and how to tell that it answers.</summary>
public sealed record SidecarSpec(string Name, string WorkingDirectory, IReadOnlyList<string> Arguments, Uri HealthUrl, Uri PublicUrl)
{
    public string Executable { get; init; } = "node";

    /// <summary>Environment variables set for the sidecar on top of the host's own.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);
}

/// <summary>
/// A Node sidecar the host owns: started with the host, restarted (with a growing pause) if it dies,
/// and killed with its process tree when the host stops.
/// </summary>
public sealed class SidecarProcess(SidecarSpec spec, ILogger logger, HttpClient http) : IAsyncDisposable
{
    private readonly CancellationTokenSource stopping = new();
    private Process? process;
    private Task? supervisor;
    private long heldDownUntilTicks;

    public SidecarSpec Spec => spec;

    public int Restarts { get; private set; }

    public void Start() => supervisor = SuperviseAsync(stopping.Token);

    /// <summary>Kills the running process (a test of restart, or a fault drill); the supervisor brings it back.</summary>
    public void Kill() => process?.Kill(entireProcessTree: true);

    /// <summary>When a fault drill's outage ends, if one is in force.</summary>
    public DateTimeOffset? HeldDownUntil =>
        Interlocked.Read(ref heldDownUntilTicks) is var ticks && ticks > DateTimeOffset.UtcNow.UtcTicks ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;

    /// <summary>A fault drill: kills the process and keeps it down for <paramref name="duration"/> before the supervisor restarts it.</summary>
    public void HoldDown(TimeSpan duration)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(duration, TimeSpan.Zero);
        Interlocked.Exchange(ref heldDownUntilTicks, (DateTimeOffset.UtcNow + duration).UtcTicks);
        logger.LogWarning("{Sidecar} held down for {Seconds:0.#} s (fault injection)", spec.Name, duration.TotalSeconds);
        try
        {
            Kill();
        }
        catch (InvalidOperationException)
        {
            // Not running at this moment; the hold still keeps it from starting.
        }
    }

    public async Task<bool> IsHealthyAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(2));
            using var response = await http.GetAsync(spec.HealthUrl, timeout.Token).ConfigureAwait(false);
            // Any answer below 500 means the process is up and speaking HTTP (dynalite answers a bare GET with 4xx).
            return (int)response.StatusCode < 500;
        }
        catch (Exception exception) when (exception is HttpRequestException or OperationCanceledException)
        {
            return false;
        }
    }

    public async Task WaitUntilHealthyAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (!await IsHealthyAsync(cancellationToken).ConfigureAwait(false))
        {
            if (deadline.Elapsed > timeout)
            {
                throw new TimeoutException($"{spec.Name} did not answer at {spec.HealthUrl} within {timeout.TotalSeconds:0} s; see the log lines above.");
            }
            await Task.Delay(100, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task SuperviseAsync(CancellationToken cancellationToken)
    {
        var pause = TimeSpan.FromMilliseconds(500);
        while (!cancellationToken.IsCancellationRequested)
        {
            var started = Stopwatch.StartNew();
            int exitCode;
            try
            {
                exitCode = await RunOnceAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (Exception exception) when (exception is System.ComponentModel.Win32Exception or InvalidOperationException)
            {
                logger.LogError("{Sidecar} could not start: {Message}", spec.Name, exception.Message);
                exitCode = -1;
            }
            if (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            Restarts++;
            // A sidecar that ran a while gets restarted at once; one that keeps dying waits longer each time.
            pause = started.Elapsed > TimeSpan.FromSeconds(30) ? TimeSpan.FromMilliseconds(500) : TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, TimeSpan.FromSeconds(10).Ticks));
            logger.LogWarning("{Sidecar} exited with code {ExitCode}; restarting in {Pause} ms (restart {Restarts})", spec.Name, exitCode, (int)pause.TotalMilliseconds, Restarts);
            try
            {
                await Task.Delay(pause, cancellationToken).ConfigureAwait(false);
                // A fault drill may hold it down longer, even if it began during the pause.
                while (HeldDownUntil is { } until)
                {
                    var left = until - DateTimeOffset.UtcNow;
                    await Task.Delay(left > TimeSpan.Zero ? left : TimeSpan.FromMilliseconds(1), cancellationToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(spec.Executable)
        {
            WorkingDirectory = spec.WorkingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in spec.Arguments)
        {
            info.ArgumentList.Add(argument);
        }
        foreach (var (name, value) in spec.Environment)
        {
            info.Environment[name] = value;
        }
        using var child = Process.Start(info) ?? throw new InvalidOperationException($"{spec.Executable} did not start.");
        process = child;
        // Node tools log progress on stderr too, so both streams are ordinary information lines.
        child.OutputDataReceived += (_, line) => Log(line.Data, LogLevel.Information);
        child.ErrorDataReceived += (_, line) => Log(line.Data, LogLevel.Information);
        child.BeginOutputReadLine();
        child.BeginErrorReadLine();
        try
        {
            await child.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Stop(child);
            throw;
        }
        return child.ExitCode;
    }

    private void Log(string? line, LogLevel level)
    {
        if (!string.IsNullOrWhiteSpace(line))
        {
            logger.Log(level, "{Line}", line);
        }
    }

    private static void Stop(Process child)
    {
        try
        {
            if (!child.HasExited)
            {
                child.Kill(entireProcessTree: true);
                child.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // It exited between the check and the kill.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync().ConfigureAwait(false);
        if (supervisor is not null)
        {
            await supervisor.ConfigureAwait(false);
        }
        stopping.Dispose();
    }
}
