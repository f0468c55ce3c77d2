using System.Globalization;
using System.Net;
using System.Text;

namespace ImageLabelsLive.Benchmarks.Scenarios;

/// <summary>Fan-out latency against tab count as a small self-contained SVG: log-scale tabs, linear ms, goals marked.</summary>
internal static class FanOutChart
{
    private const int Width = 640;
    private const int Height = 380;
    private const int Left = 64;
    private const int Right = 150;
    private const int Top = 40;
    private const int Bottom = 56;

    private static readonly (int Tabs, double Ms, string Label)[] Goals = [(1000, 150, "goal p99 ≤ 150 ms"), (5000, 600, "goal p99 ≤ 600 ms")];

    public static string Draw(IReadOnlyList<FanOutPoint> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        var maxTabs = Math.Max(10, points.Max(point => point.Tabs));
        var maxMs = NiceCeiling(Math.Max(Goals.Max(goal => goal.Ms), points.Select(point => point.Last).Where(double.IsFinite).DefaultIfEmpty(1).Max()));
        var plotWidth = Width - Left - Right;
        var plotHeight = Height - Top - Bottom;
        double X(double tabs) => Left + (Math.Log10(Math.Max(1, tabs)) / Math.Log10(maxTabs) * plotWidth);
        double Y(double ms) => Top + plotHeight - (Math.Clamp(ms, 0, maxMs) / maxMs * plotHeight);

        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\" font-family=\"sans-serif\" font-size=\"12\">\n");
        svg.Append(CultureInfo.InvariantCulture, $"<rect width=\"{Width}\" height=\"{Height}\" fill=\"#ffffff\"/>\n");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left}\" y=\"22\" font-size=\"14\" font-weight=\"bold\">Fan-out: ms from record written to arrival at each tab</text>\n");

        for (var tick = 0; tick <= 5; tick++)
        {
            var ms = maxMs * tick / 5;
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{Y(ms):0.#}\" x2=\"{Left + plotWidth}\" y2=\"{Y(ms):0.#}\" stroke=\"#e5e5e5\"/>\n");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left - 6}\" y=\"{Y(ms) + 4:0.#}\" text-anchor=\"end\">{ms:0}</text>\n");
        }
        foreach (var point in points)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{X(point.Tabs):0.#}\" y1=\"{Top}\" x2=\"{X(point.Tabs):0.#}\" y2=\"{Top + plotHeight}\" stroke=\"#f0f0f0\"/>\n");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{X(point.Tabs):0.#}\" y=\"{Top + plotHeight + 18}\" text-anchor=\"middle\">{point.Tabs:N0}</text>\n");
        }
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{Top + plotHeight}\" x2=\"{Left + plotWidth}\" y2=\"{Top + plotHeight}\" stroke=\"#333\"/>\n");
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{Top}\" x2=\"{Left}\" y2=\"{Top + plotHeight}\" stroke=\"#333\"/>\n");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left + (plotWidth / 2)}\" y=\"{Height - 14}\" text-anchor=\"middle\">WebSocket tabs on one feed (log scale)</text>\n");
        svg.Append(CultureInfo.InvariantCulture, $"<text transform=\"translate(16 {Top + (plotHeight / 2)}) rotate(-90)\" text-anchor=\"middle\">ms</text>\n");

        // The band from the first tab served to the last is the spread.
        var band = points.Where(point => double.IsFinite(point.First)).ToArray();
        if (band.Length > 1)
        {
            var outline = band.Select(point => $"{X(point.Tabs):0.#},{Y(point.Last):0.#}").Concat(band.Reverse().Select(point => $"{X(point.Tabs):0.#},{Y(point.First):0.#}"));
            svg.Append(CultureInfo.InvariantCulture, $"<polygon points=\"{string.Join(' ', outline)}\" fill=\"#9ecae1\" fill-opacity=\"0.35\" stroke=\"none\"/>\n");
        }
        Series(svg, band, point => point.P50, "#08519c", X, Y);
        Series(svg, band, point => point.P99, "#de2d26", X, Y);
        foreach (var (tabs, ms, label) in Goals.Where(goal => goal.Tabs <= maxTabs))
        {
            svg.Append(CultureInfo.InvariantCulture, $"<path d=\"M{X(tabs) - 6:0.#},{Y(ms):0.#} h12 M{X(tabs):0.#},{Y(ms) - 6:0.#} v12\" stroke=\"#31a354\" stroke-width=\"2\"/>\n");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{X(tabs) - 8:0.#}\" y=\"{Y(ms) - 8:0.#}\" text-anchor=\"end\" fill=\"#31a354\">{WebUtility.HtmlEncode(label)}</text>\n");
        }
        var legendX = Left + plotWidth + 16;
        Legend(svg, legendX, Top + 10, "#08519c", "p50");
        Legend(svg, legendX, Top + 30, "#de2d26", "p99");
        svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{legendX}\" y=\"{Top + 44}\" width=\"18\" height=\"10\" fill=\"#9ecae1\" fill-opacity=\"0.6\"/><text x=\"{legendX + 24}\" y=\"{Top + 53}\">first→last tab</text>\n");
        svg.Append(CultureInfo.InvariantCulture, $"<path d=\"M{legendX + 3},{Top + 70} h12 M{legendX + 9},{Top + 64} v12\" stroke=\"#31a354\" stroke-width=\"2\"/><text x=\"{legendX + 24}\" y=\"{Top + 74}\">goal</text>\n");
        svg.Append("</svg>\n");
        return svg.ToString();
    }

    private static void Series(StringBuilder svg, FanOutPoint[] points, Func<FanOutPoint, double> value, string colour, Func<double, double> x, Func<double, double> y)
    {
        if (points.Length == 0)
        {
            return;
        }
        svg.Append(CultureInfo.InvariantCulture, $"<polyline points=\"{string.Join(' ', points.Select(point => $"{x(point.Tabs):0.#},{y(value(point)):0.#}"))}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"2\"/>\n");
        foreach (var point in points)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{x(point.Tabs):0.#}\" cy=\"{y(value(point)):0.#}\" r=\"3.5\" fill=\"{colour}\"><title>{point.Tabs:N0} tabs: {value(point):0} ms</title></circle>\n");
        }
    }

    private static void Legend(StringBuilder svg, int x, int y, string colour, string label) =>
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{x}\" y1=\"{y}\" x2=\"{x + 18}\" y2=\"{y}\" stroke=\"{colour}\" stroke-width=\"2\"/><text x=\"{x + 24}\" y=\"{y + 4}\">{label}</text>\n");

    /// <summary>The next 1, 2 or 5 times a power of ten at or above <paramref name="value"/>.</summary>
    private static double NiceCeiling(double value)
    {
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(Math.Max(value, 1))));
        foreach (var step in new[] { 1, 2, 5, 10 })
        {
            if (step * magnitude >= value)
            {
                return step * magnitude;
            }
        }
        return 10 * magnitude;
    }
}
