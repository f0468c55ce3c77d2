using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using ImageLabelsLive.LocalAws.Networking;

namespace ImageLabelsLive.Testing;

/// <summary>
/// A server the tests run as a child process (the local host, dynalite, moto_server): started with its output
/// captured (kept in memory, or written to a log file), polled until it answers, signalled, and killed with its
/// process tree when disposed. The wrappers for each program hold one and add what is theirs.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable, IDisposable
{
    private readonly Process process;
    private readonly StringBuilder captured = new();
    private readonly TextWriter? logFile;
    private bool disposed;

    private ServerProcess(Process process, TextWriter? logFile)
    {
        this.process = process;
        this.logFile = logFile;
    }

    public int Id => process.Id;

    public bool HasExited => process.HasExited;

    public int ExitCode => process.ExitCode;

    /// <summary>What the program printed so far (stdout and stderr), or "" when it is written to a log file instead.</summary>
    public string Log
    {
        get { lock (captured) { return captured.ToString(); } }
    }

    /// <summary>
    /// Starts <paramref name="start"/> with stdout and stderr redirected: kept for <see cref="Log"/>, or, given
    /// <paramref name="logFile"/>, written there (buffered; flushed when the program fails to start and when disposed).
    /// </summary>
    public static ServerProcess Start(ProcessStartInfo start, TextWriter? logFile = null)
    {
        ArgumentNullException.ThrowIfNull(start);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        var process = new Process { StartInfo = start };
        var child = new ServerProcess(process, logFile);
        process.OutputDataReceived += (_, line) => child.Append(line.Data);
        process.ErrorDataReceived += (_, line) => child.Append(line.Data);
        if (!process.Start())
        {
            process.Dispose();
            throw new InvalidOperationException($"{start.FileName} did not start.");
        }
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>
    /// Polls <paramref name="answers"/> every <paramref name="poll"/> until it returns true (true), or the program
    /// exits (false). Refused connections and timed-out requests count as not answering yet. After
    /// <paramref name="within"/>, kills the program and throws a <see cref="TimeoutException"/> naming <paramref name="name"/>.
    /// </summary>
    public async Task<bool> WaitUntilAnsweringAsync(string name, Func<CancellationToken, Task<bool>> answers, TimeSpan within, TimeSpan poll, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(answers);
        var started = Stopwatch.StartNew();
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (process.HasExited)
            {
                return false;
            }
            try
            {
                if (await answers(cancellationToken).ConfigureAwait(false))
                {
                    return true;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // Starting slowly under load.
            }
            if (started.Elapsed > within)
            {
                Kill();
                FlushLogFile();
                throw new TimeoutException($"{name} did not answer within {within.TotalSeconds:0} s:\n{Log}");
            }
            await Task.Delay(poll, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>An answering probe: GET <paramref name="url"/> returns 200.</summary>
    public static Func<CancellationToken, Task<bool>> Returns200(HttpClient http, Uri url) => async cancellationToken =>
    {
        ArgumentNullException.ThrowIfNull(http);
        using var response = await http.GetAsync(url, cancellationToken).ConfigureAwait(false);
        return response.StatusCode == HttpStatusCode.OK;
    };

    /// <summary>Sends SIGTERM (what Ctrl-C and service managers send) and waits for the exit; false when it outlasted <paramref name="timeout"/>.</summary>
    public async Task<bool> TerminateAsync(TimeSpan timeout)
    {
        if (process.HasExited)
        {
            return true;
        }
        await SignalAsync("-TERM", process.Id.ToString(CultureInfo.InvariantCulture)).ConfigureAwait(false);
        return await WaitForExitAsync(timeout).ConfigureAwait(false);
    }

    /// <summary>Waits for the program to exit by itself; false when it still runs after <paramref name="timeout"/>.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        using var wait = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(wait.Token).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>A crash: SIGKILL to the program's whole process group (it must lead one, e.g. started through setsid).</summary>
    public async Task KillGroupAsync()
    {
        await SignalAsync("-KILL", "-" + process.Id.ToString(CultureInfo.InvariantCulture)).ConfigureAwait(false);
        await process.WaitForExitAsync().ConfigureAwait(false);
    }

    /// <summary>Kills the program and its descendants, if it still runs, and waits up to 5 s for it.</summary>
    public void Kill()
    {
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
    }

    public void Dispose()
    {
        if (disposed)
        {
            return;
        }
        disposed = true;
        Kill();
        process.Dispose();
        if (logFile is not null)
        {
            lock (captured)
            {
                logFile.Dispose();
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>kill(1) with <paramref name="signal"/> (e.g. "-TERM") to <paramref name="target"/> (a pid, or -pgid for a group).</summary>
    public static async Task SignalAsync(string signal, string target)
    {
        using var kill = Process.Start("kill", [signal, "--", target]) ?? throw new InvalidOperationException("kill did not start.");
        await kill.WaitForExitAsync().ConfigureAwait(false);
    }

    /// <summary>A port of 127.0.0.1 that was free a moment ago, where no outgoing connection will take it.</summary>
    public static int FreePort() => LoopbackPorts.FindFree();

    /// <summary>The full path of <paramref name="program"/> in a PATH folder, or null.</summary>
    public static string? FindOnPath(string program)
    {
        var names = OperatingSystem.IsWindows() ? new[] { program + ".exe", program + ".cmd" } : new[] { program };
        return (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(directory => names.Select(name => Path.Combine(directory, name)))
            .FirstOrDefault(File.Exists);
    }

    /// <summary>
    /// The built local host's dll (infra/local/ImageLabelsLive.LocalHost/bin/&lt;configuration&gt;/net10.0), in the
    /// configuration the running tests were built in unless one is named.
    /// </summary>
    public static string LocalHostAssembly(string? configuration = null)
    {
        configuration ??= AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var path = Path.Combine(SharedData.RepositoryRoot, "infra", "local", "ImageLabelsLive.LocalHost", "bin", configuration, "net10.0", "ImageLabelsLive.LocalHost.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException("Build the local host first (dotnet build).", path);
    }

    private void FlushLogFile()
    {
        if (logFile is not null)
        {
            lock (captured)
            {
                logFile.Flush();
            }
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (captured)
        {
            if (logFile is null)
            {
                captured.AppendLine(line);
            }
            else if (!disposed)
            {
                logFile.WriteLine(line);
            }
        }
    }
}
