using System.Diagnostics;

namespace ImageLabelsLive.Benchmarks.Harness;

/// <summary>Runs a command to completion, capturing its output; used for dotnet build/publish steps.</summary>
internal static class ChildProcess
{
    public sealed record Outcome(int ExitCode, string StandardOutput, string StandardError, TimeSpan Elapsed);

    public static async Task<Outcome> RunAsync(string fileName, IEnumerable<string> arguments, string workingDirectory, TimeSpan timeout, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            start.Environment[name] = value;
        }
        var stopwatch = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', start.ArgumentList)} did not finish within {timeout.TotalSeconds:0} s.");
        }
        return new Outcome(process.ExitCode, await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false), stopwatch.Elapsed);
    }

    /// <summary>`dotnet …`, failing with the tool's own output when it fails.</summary>
    public static async Task<Outcome> DotnetAsync(BenchmarkContext context, params string[] arguments)
    {
        ArgumentNullException.ThrowIfNull(context);
        var outcome = await RunAsync("dotnet", [.. arguments, "--nologo"], context.RepositoryRoot, TimeSpan.FromMinutes(10)).ConfigureAwait(false);
        if (outcome.ExitCode != 0)
        {
            var tail = string.Join('\n', (outcome.StandardOutput + outcome.StandardError).Split('\n').TakeLast(25));
            throw new InvalidOperationException($"dotnet {string.Join(' ', arguments)} failed ({outcome.ExitCode}):\n{tail}");
        }
        return outcome;
    }
}
