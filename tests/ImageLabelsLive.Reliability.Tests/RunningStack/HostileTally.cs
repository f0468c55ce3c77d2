using Xunit.Abstractions;

namespace ImageLabelsLive.Reliability.Tests.RunningStack;

/// <summary>
/// Counts hostile inputs tried and handled. A case is handled when its check returns null; otherwise the check says
/// what went wrong, and a case that throws is not handled either. The report lists every case that was not handled.
/// </summary>
public sealed class HostileTally(ITestOutputHelper output, string what)
{
    private readonly List<string> problems = [];

    public int Tried { get; private set; }

    public int Handled { get; private set; }

    public async Task CheckAsync(string name, Func<Task<string?>> attempt)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        Tried++;
        try
        {
            if (await attempt() is { } problem)
            {
                problems.Add($"{name}: {problem}");
                return;
            }
            Handled++;
        }
#pragma warning disable CA1031 // Any exception is an input the stack did not handle cleanly; it is reported, not thrown.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            problems.Add($"{name}: threw {exception.GetType().Name}: {exception.Message}");
        }
    }

    /// <summary>Writes "N tried, N handled" (and what was not handled), then fails if anything was not.</summary>
    public void Report()
    {
        output.WriteLine($"{what}: {Tried} tried, {Handled} handled");
        foreach (var problem in problems)
        {
            output.WriteLine($"  not handled: {problem}");
        }
        problems.ShouldBeEmpty();
        Tried.ShouldBeGreaterThan(0);
    }
}
