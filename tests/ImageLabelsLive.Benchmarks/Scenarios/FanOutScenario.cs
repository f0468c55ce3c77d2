using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using ImageLabelsLive.Benchmarks.Harness;

namespace ImageLabelsLive.Benchmarks.Scenarios;

/// <summary>
/// Scenario 2. One feed with 1, 100, 1,000, 5,000 and 10,000 real WebSocket tabs on the local stack, one upload, and
/// when its final record reaches each tab, measured from the record's updatedAt (stamped by the processor just
/// before its write, so this is write + stream + pusher + sockets). Baseline: the single tab, same run.
/// Draws results/fan-out.svg.
/// </summary>
internal sealed class FanOutScenario : IScenario
{
    public int Number => 2;

    public string Name => "fan-out";

    public string Title => "Fan-out: one result to every tab of a feed";

    public async Task RunAsync(BenchmarkContext context, ScenarioReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(report);
        var photos = Photo.Load(context.SharedDirectory);
        if (photos.Count == 0)
        {
            report.Skipped = Photo.MissingReason;
            return;
        }
        // The smallest photo: the figure is about delivery, not detection.
        var photo = photos.MinBy(candidate => candidate.Bytes.Length)!;
        int[] counts = context.Quick ? [1, 100, 500] : [1, 100, 1000, 5000, 10000];
        var host = await context.LocalHostAsync(cancellationToken).ConfigureAwait(false);
        using var app = new AppClient(host.BaseUri);

        var table = new TextTable("tabs", "delivered", "p50", "p99", "first", "last", "spread first→last", "processing's last", "open tabs", "p50 vs 1 tab");
        var figures = new JsonArray();
        var points = new List<FanOutPoint>();
        double baselineP50 = double.NaN;
        foreach (var count in counts)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var feedId = AppClient.NewFeedId();
            var arrivals = new long[count];
            // The last arrival of the image's earlier push ("processing"): the final push queues behind it.
            long lastEarlier = 0;
            string? watched = null;
            context.Progress($"{count} tabs: opening");
            var opening = Stopwatch.StartNew();
            await using var tabs = await SocketSwarm.ConnectAsync(
                new Uri($"ws://{host.BaseUri.Authority}/ws?feed={feedId}"), count, 64,
                (socket, arrivedAt, message) =>
                {
                    var (imageId, status) = PushMessages.Read(message);
                    if (imageId is not null && imageId == Volatile.Read(ref watched))
                    {
                        if (AppClient.IsFinal(status))
                        {
                            Interlocked.CompareExchange(ref arrivals[socket], arrivedAt, 0);
                        }
                        else
                        {
                            InterlockedMax(ref lastEarlier, arrivedAt);
                        }
                    }
                },
                cancellationToken).ConfigureAwait(false);
            var openSeconds = opening.Elapsed.TotalSeconds;

            context.Progress($"{count} tabs open in {openSeconds:0.0} s; uploading {photo.FileName}");
            // The id is known only once POST /uploads answers, and the final status comes seconds later, after detection.
            var upload = await app.UploadAsync(feedId, photo, cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref watched, upload.ImageId);
            // Up to a minute for detection; once the record is final, a bounded wait for the last tabs.
            var deadline = Stopwatch.StartNew();
            var timeout = TimeSpan.FromSeconds(60);
            JsonObject? record = null;
            while (deadline.Elapsed < timeout)
            {
                if (record is null && (record = await FinalRecordAsync(app, upload.ImageId, cancellationToken).ConfigureAwait(false)) is not null)
                {
                    deadline.Restart();
                    timeout = TimeSpan.FromSeconds(10 + (count / 250.0));
                }
                if (record is not null && arrivals.All(arrival => arrival != 0))
                {
                    break;
                }
                await Task.Delay(record is null ? 100 : 20, cancellationToken).ConfigureAwait(false);
            }
            if (record is null)
            {
                throw new TimeoutException($"{upload.ImageId} never reached a final status.");
            }

            var writtenAt = WallClock.Parse(record["updatedAt"]!.GetValue<string>());
            var latencies = arrivals.Where(arrival => arrival != 0).Select(arrival => (WallClock.At(arrival) - writtenAt).TotalMilliseconds).ToArray();
            var delivered = latencies.Length;
            var point = new FanOutPoint(count, delivered, Stats.Median(latencies), Stats.Percentile(latencies, 99), latencies.DefaultIfEmpty(double.NaN).Min(), latencies.DefaultIfEmpty(double.NaN).Max());
            var earlierEnded = Interlocked.Read(ref lastEarlier) is var earlier and not 0 ? (WallClock.At(earlier) - writtenAt).TotalMilliseconds : double.NaN;
            points.Add(point);
            if (count == 1)
            {
                baselineP50 = point.P50;
            }
            table.Add(
                count.ToString("N0", CultureInfo.InvariantCulture),
                delivered.ToString("N0", CultureInfo.InvariantCulture),
                Format.Ms(point.P50),
                Format.Ms(point.P99),
                Format.Ms(point.First),
                Format.Ms(point.Last),
                Format.Ms(point.Spread),
                Format.Ms(earlierEnded),
                $"{openSeconds:0.0} s",
                Format.Ratio(Stats.Ratio(point.P50, baselineP50)));
            figures.Add(new JsonObject
            {
                ["tabs"] = count,
                ["delivered"] = delivered,
                ["p50Ms"] = Math.Round(point.P50, 1),
                ["p99Ms"] = Math.Round(point.P99, 1),
                ["firstMs"] = Math.Round(point.First, 1),
                ["lastMs"] = Math.Round(point.Last, 1),
                ["spreadMs"] = Math.Round(point.Spread, 1),
                ["processingLastMs"] = double.IsNaN(earlierEnded) ? null : Math.Round(earlierEnded, 1),
                ["status"] = record["status"]?.GetValue<string>(),
            });
            context.Progress($"{count} tabs: p50 {Format.Ms(point.P50)} ms, p99 {Format.Ms(point.P99)} ms; closing");
        }
        // Let the $disconnects of the last swarm drain before the next scenario measures anything.
        await Task.Delay(TimeSpan.FromSeconds(3), cancellationToken).ConfigureAwait(false);

        report.AddTable($"ms from the final record's updatedAt (written by the processor) to its arrival at each tab, and to the last arrival of the image's \"processing\" push; one upload of {photo.FileName} per row", table);
        report.Figures["byTabs"] = figures;
        var chart = Path.Combine(context.ResultsDirectory, "fan-out.svg");
        File.WriteAllText(chart, FanOutChart.Draw(points));
        report.Figures["chart"] = "fan-out.svg";
        report.Note($"chart: {Path.GetRelativePath(context.RepositoryRoot, chart)}");

        if (points.FirstOrDefault(point => point.Tabs == 1000) is { } thousand)
        {
            report.GoalAtMost("1,000 tabs: p99 ≤ 150 ms", thousand.P99, 150, "ms");
            report.GoalAtMost("1,000 tabs: spread first→last ≤ 100 ms", thousand.Spread, 100, "ms");
        }
        if (points.FirstOrDefault(point => point.Tabs == 5000) is { } fiveThousand)
        {
            report.GoalAtMost("5,000 tabs: p99 ≤ 600 ms", fiveThousand.P99, 600, "ms");
        }
        if (points.FirstOrDefault(point => point.Tabs == 10000) is { } tenThousand)
        {
            report.GoalAtMost("10,000 tabs: p99 ≤ 1,500 ms", tenThousand.P99, 1500, "ms");
        }
        foreach (var point in points.Where(point => point.Delivered < point.Tabs))
        {
            report.Note($"{point.Tabs} tabs: only {point.Delivered} received the result before the timeout.");
        }
    }

    private static void InterlockedMax(ref long target, long value)
    {
        var seen = Interlocked.Read(ref target);
        while (value > seen && Interlocked.CompareExchange(ref target, value, seen) is var actual && actual != seen)
        {
            seen = actual;
        }
    }

    private static async Task<JsonObject?> FinalRecordAsync(AppClient app, string imageId, CancellationToken cancellationToken)
    {
        var record = await app.GetImageAsync(imageId, cancellationToken).ConfigureAwait(false);
        return AppClient.IsFinal(record?["status"]?.GetValue<string>()) ? record : null;
    }
}

internal sealed record FanOutPoint(int Tabs, int Delivered, double P50, double P99, double First, double Last)
{
    public double Spread => Last - First;
}
