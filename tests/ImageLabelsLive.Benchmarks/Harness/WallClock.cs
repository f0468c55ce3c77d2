using System.Diagnostics;
using System.Globalization;

namespace ImageLabelsLive.Benchmarks.Harness;

/// <summary>
/// Turns Stopwatch timestamps into wall-clock time, to compare arrival times with the timestamps the
/// host writes into records (updatedAt). Both processes read this machine's clock.
/// </summary>
internal static class WallClock
{
    private static readonly long StopwatchOrigin = Stopwatch.GetTimestamp();
    private static readonly DateTimeOffset WallOrigin = DateTimeOffset.UtcNow;

    public static DateTimeOffset At(long stopwatchTimestamp) => WallOrigin + Stopwatch.GetElapsedTime(StopwatchOrigin, stopwatchTimestamp);

    public static DateTimeOffset Parse(string isoTimestamp) => DateTimeOffset.Parse(isoTimestamp, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
}
