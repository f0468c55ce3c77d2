using System.Globalization;

namespace ImageLabelsLive.Benchmarks.Harness;

/// <summary>The 1/5/15-minute load averages: on a shared 2-core machine every figure is read beside them.</summary>
internal sealed record MachineLoad(double One, double Five, double Fifteen)
{
    public static MachineLoad Read()
    {
        try
        {
            var parts = File.ReadAllText("/proc/loadavg").Split(' ');
            return new MachineLoad(Parse(parts[0]), Parse(parts[1]), Parse(parts[2]));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or IndexOutOfRangeException or FormatException)
        {
            return new MachineLoad(double.NaN, double.NaN, double.NaN);
        }
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{One:0.00} {Five:0.00} {Fifteen:0.00}");

    private static double Parse(string text) => double.Parse(text, CultureInfo.InvariantCulture);
}
