using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using ImageLabelsLive.Benchmarks.Harness;

namespace ImageLabelsLive.Benchmarks.Scenarios;

/// <summary>
/// Scenario 1. Upload to labels visible, on the real local stack, for the same uploads seen two ways: a WebSocket
/// tab of the feed (push), and a client polling GET /api/images/{id} every 3 s like the seed apps (the baseline).
/// The poller's ticks run on their own 3 s timer, so its first tick after the upload lands anywhere in the first
/// 3 s (seeded random phase), as a page's setInterval would.
/// </summary>
internal sealed class PushVsPollingScenario : IScenario
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(3);

    public int Number => 1;

    public string Name => "push-vs-polling";

    public string Title => "Push against polling: upload to labels visible";

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
        var imageCount = context.Quick ? 6 : 20;
        var host = await context.LocalHostAsync(cancellationToken).ConfigureAwait(false);
        using var app = new AppClient(host.BaseUri);
        var feedId = AppClient.NewFeedId();
        var pushed = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
        await using var tab = await SocketSwarm.ConnectAsync(
            new Uri($"ws://{host.BaseUri.Authority}/ws?feed={feedId}"), 1, 1,
            (_, arrivedAt, message) =>
            {
                var (imageId, status) = PushMessages.Read(message);
                if (imageId is not null && AppClient.IsFinal(status))
                {
                    pushed.TryAdd(imageId, arrivedAt);
                }
            },
            cancellationToken).ConfigureAwait(false);

        // One warm-up image so neither side pays the first-call costs (JIT, detector model warm-up) in the figures.
        context.Progress("warm-up upload");
        var warm = await app.UploadAsync(feedId, photos[0], cancellationToken).ConfigureAwait(false);
        await WaitForPushAsync(pushed, warm.ImageId, TimeSpan.FromSeconds(120), cancellationToken).ConfigureAwait(false);

        var random = new Random(20261121);
        var rows = new List<(string File, double Push, double Poll, int Polls, string Status)>();
        context.Progress($"{imageCount} uploads, one at a time, each watched by the tab and by a 3 s poller");
        for (var index = 0; index < imageCount; index++)
        {
            var photo = photos[index % photos.Count];
            var upload = await app.UploadAsync(feedId, photo, cancellationToken).ConfigureAwait(false);
            var phase = PollInterval * random.NextDouble();
            var polling = PollAsync(app, upload, phase, cancellationToken);
            var pushAt = await WaitForPushAsync(pushed, upload.ImageId, TimeSpan.FromSeconds(120), cancellationToken).ConfigureAwait(false);
            var (pollAt, polls, status) = await polling.ConfigureAwait(false);
            rows.Add((photo.FileName, Stopwatch.GetElapsedTime(upload.StartedAt, pushAt).TotalMilliseconds, Stopwatch.GetElapsedTime(upload.StartedAt, pollAt).TotalMilliseconds, polls, status));
        }

        var push = rows.Select(row => row.Push).ToArray();
        var poll = rows.Select(row => row.Poll).ToArray();
        var table = new TextTable("client", "p50", "p95", "min", "max", "vs push (p50)");
        table.Add("WebSocket tab (push)", Format.Ms(Stats.Median(push)), Format.Ms(Stats.Percentile(push, 95)), Format.Ms(push.Min()), Format.Ms(push.Max()), "1.00x");
        table.Add("poll GET every 3 s (baseline)", Format.Ms(Stats.Median(poll)), Format.Ms(Stats.Percentile(poll, 95)), Format.Ms(poll.Min()), Format.Ms(poll.Max()), Format.Ratio(Stats.Ratio(Stats.Median(poll), Stats.Median(push))));
        report.AddTable($"ms from the start of the upload (POST /api/uploads) to the final record being visible, {imageCount} photos of ../shared/images, one at a time", table);

        var detail = new TextTable("#", "photo", "status", "push ms", "poll ms", "GETs");
        for (var index = 0; index < rows.Count; index++)
        {
            var row = rows[index];
            detail.Add((index + 1).ToString(CultureInfo.InvariantCulture), row.File, row.Status, Format.Ms(row.Push), Format.Ms(row.Poll), row.Polls.ToString(CultureInfo.InvariantCulture));
        }
        report.AddTable("Each upload", detail);

        var ratio = Stats.Ratio(Stats.Median(poll), Stats.Median(push));
        report.Figures["images"] = imageCount;
        report.Figures["pushMs"] = new JsonObject { ["p50"] = Math.Round(Stats.Median(push)), ["p95"] = Math.Round(Stats.Percentile(push, 95)), ["all"] = new JsonArray([.. push.Select(value => (JsonNode)JsonValue.Create(Math.Round(value)))]) };
        report.Figures["pollMs"] = new JsonObject { ["p50"] = Math.Round(Stats.Median(poll)), ["p95"] = Math.Round(Stats.Percentile(poll, 95)), ["all"] = new JsonArray([.. poll.Select(value => (JsonNode)JsonValue.Create(Math.Round(value)))]) };
        report.Figures["pollOverPushAtP50"] = Math.Round(ratio, 2);
        report.GoalAtLeast("push ≥ 4x sooner than 3 s polling at p50", ratio, 4, "x");
        report.Note("The poller's first GET comes at a random point of its 3 s cycle after the upload (seeded), as a page's setInterval would; both clients watch the same uploads.");
    }

    private static async Task<(long At, int Polls, string Status)> PollAsync(AppClient app, Upload upload, TimeSpan phase, CancellationToken cancellationToken)
    {
        var next = upload.PutAt + (long)(phase.TotalSeconds * Stopwatch.Frequency);
        for (var polls = 1; polls <= 60; polls++)
        {
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), next);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
            }
            var record = await app.GetImageAsync(upload.ImageId, cancellationToken).ConfigureAwait(false);
            var status = record?["status"]?.GetValue<string>();
            if (AppClient.IsFinal(status))
            {
                return (Stopwatch.GetTimestamp(), polls, status!);
            }
            next += (long)(PollInterval.TotalSeconds * Stopwatch.Frequency);
        }
        throw new TimeoutException($"{upload.ImageId} was not final after 60 polls.");
    }

    private static async Task<long> WaitForPushAsync(ConcurrentDictionary<string, long> pushed, string imageId, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (true)
        {
            if (pushed.TryGetValue(imageId, out var at))
            {
                return at;
            }
            if (Stopwatch.GetTimestamp() > deadline)
            {
                throw new TimeoutException($"No final push for {imageId} within {timeout.TotalSeconds:0} s.");
            }
            // The arrival time is stamped by the reader; this only decides when to look.
            await Task.Delay(5, cancellationToken).ConfigureAwait(false);
        }
    }
}
