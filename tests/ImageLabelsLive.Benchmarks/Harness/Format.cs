using System.Globalization;

namespace ImageLabelsLive.Benchmarks.Harness;

/// <summary>How figures are written in tables: invariant culture, units fixed per kind.</summary>
internal static class Format
{
    public static string Ms(double milliseconds) =>
        double.IsNaN(milliseconds) ? "-" : milliseconds.ToString(milliseconds < 10 ? "0.0" : "0", CultureInfo.InvariantCulture);

    public static string Rate(double perSecond) =>
        double.IsNaN(perSecond) ? "-" : perSecond.ToString(perSecond < 100 ? "0.0" : "0", CultureInfo.InvariantCulture);

    public static string Ratio(double ratio) =>
        double.IsNaN(ratio) || double.IsInfinity(ratio) ? "-" : ratio.ToString("0.00", CultureInfo.InvariantCulture) + "x";

    public static string Percent(double fraction) =>
        double.IsNaN(fraction) ? "-" : (fraction * 100).ToString("0", CultureInfo.InvariantCulture) + " %";

    public static string Megabytes(long bytes) => (bytes / 1024.0 / 1024.0).ToString("0.00", CultureInfo.InvariantCulture) + " MB";

    public static string Number(double value, string format = "0.##") => value.ToString(format, CultureInfo.InvariantCulture);
}
