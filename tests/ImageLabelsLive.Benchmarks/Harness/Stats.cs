namespace ImageLabelsLive.Benchmarks.Harness;

/// <summary>Order statistics of a sample (nearest-rank percentiles: every figure printed is a value that was measured).</summary>
internal static class Stats
{
    public static double Percentile(IReadOnlyCollection<double> values, double percent)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            return double.NaN;
        }
        var sorted = values.Order().ToArray();
        var rank = (int)Math.Ceiling(percent / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    public static double Median(IReadOnlyCollection<double> values) => Percentile(values, 50);

    /// <summary>How many times <paramref name="value"/> is of <paramref name="baseline"/>, NaN when there is no baseline.</summary>
    public static double Ratio(double value, double baseline) => baseline is 0 or double.NaN ? double.NaN : value / baseline;
}
