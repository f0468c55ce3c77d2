using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using ImageLabelsLive.Reliability.Tests.RunningStack;
using Xunit.Abstractions;

namespace ImageLabelsLive.Reliability.Tests;

/// <summary>
/// 200 uploads from 20 tabs while sockets are dropped from both ends and the detector is killed once: every tab that
/// stays, or comes back, ends with every result of its feed, once, with the right final status.
/// </summary>
[Collection(PlainAppGroup.Name)]
public sealed class NoLostResultsTests(PlainApp stack, ITestOutputHelper output)
{
    private const int Feeds = 5;
    private const int TabsPerFeed = 4;
    private const int UploadsPerTab = 10;
    private const int BrokenEvery = 8;
    private const int KillDetectorAfterUploads = 60;

    private readonly AppClient client = new(stack);
    private readonly StackProbe probe = new(stack);

    [Fact]
    public async Task Uploads_ChaosDropsSocketsAndRestartsDetector_EveryTabHasEveryResultOnce()
    {
        var feeds = Enumerable.Range(0, Feeds).Select(_ => AppClient.NewFeedId()).ToArray();
        var tabs = feeds.SelectMany((feed, f) => Enumerable.Range(0, TabsPerFeed).Select(t => new SimulatedTab(stack, feed, seed: (f * 10) + t))).ToArray();
        var chaos = new ChaosCounters();
        var expected = new ConcurrentDictionary<string, (string FeedId, string Status)>(StringComparer.Ordinal);
        try
        {
            foreach (var tab in tabs)
            {
                tab.Open();
            }
            await AppClient.EventuallyAsync(() => Task.FromResult(tabs.All(tab => tab.IsLive)), TimeSpan.FromSeconds(30));
            var detectorRestartsBefore = await probe.RestartsOfAsync("detector");
            var pushBefore = await probe.ConsumerAsync("PushResults");
            var clock = Stopwatch.StartNew();

            using var stopChaos = new CancellationTokenSource();
            var chaosLoop = Task.Run(() => ChaosAsync(tabs, feeds, chaos, stopChaos.Token));
            await UploadAllAsync(tabs, expected, chaos);
            var uploadedAt = clock.Elapsed;

            var slowest = TimeSpan.Zero;
            foreach (var feed in feeds)
            {
                var ids = expected.Where(pair => pair.Value.FeedId == feed).Select(pair => pair.Key).ToArray();
                // Generous: under a loaded CI run the slowest of 200 images has taken 156 s. The test is about no
                // result being lost, not latency.
                foreach (var image in (await probe.WaitForFinalAsync(feed, ids, TimeSpan.FromSeconds(240))).Values)
                {
                    var took = DateTimeOffset.Parse(image.GetProperty("updatedAt").GetString()!, System.Globalization.CultureInfo.InvariantCulture)
                        - DateTimeOffset.Parse(image.GetProperty("createdAt").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
                    slowest = took > slowest ? took : slowest;
                }
            }
            var finalAt = clock.Elapsed;
            await stopChaos.CancelAsync();
            await chaosLoop;

            // Every tab comes back (those dropped last reconnect now) and must then show all of its feed.
            await AppClient.EventuallyAsync(() => Task.FromResult(tabs.All(tab => tab.IsLive && HasAll(tab, expected))), TimeSpan.FromSeconds(30));
            var settledAt = clock.Elapsed;

            var missing = 0;
            var extra = 0;
            var wrongStatus = 0;
            var wrongImages = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var tab in tabs)
            {
                var mine = expected.Where(pair => pair.Value.FeedId == tab.FeedId).ToDictionary(pair => pair.Key, pair => pair.Value.Status, StringComparer.Ordinal);
                var view = tab.View;
                missing += mine.Keys.Count(id => !view.ContainsKey(id));
                extra += view.Keys.Count(id => !mine.ContainsKey(id));
                foreach (var (id, status) in mine)
                {
                    if (view.TryGetValue(id, out var shown) && shown.GetProperty("status").GetString() != status)
                    {
                        wrongStatus++;
                        // The reason a result came out failed, so a failure of this test under load says what gave out.
                        var reason = shown.TryGetProperty("error", out var error) && error.ValueKind == System.Text.Json.JsonValueKind.Object ? error.ToString() : "";
                        wrongImages.Add($"{id}: expected {status}, shown {shown.GetProperty("status").GetString()} {reason}");
                    }
                }
            }
            var detectorRestarts = await probe.RestartsOfAsync("detector") - detectorRestartsBefore;
            var pushAfter = await probe.ConsumerAsync("PushResults");

            output.WriteLine($"uploads: {expected.Count} ({expected.Count(pair => pair.Value.Status == "failed")} broken on purpose) to {Feeds} feeds from {tabs.Length} tabs");
            output.WriteLine($"chaos: {chaos.ServerDrops} sockets closed by the server (DELETE @connections), {chaos.ClientAborts} aborted by the client, {chaos.LongAbsences} of them away 2-6 s; detector killed {chaos.DetectorKills}x, restarted {detectorRestarts}x");
            output.WriteLine($"tabs: {tabs.Sum(tab => tab.Connects)} connects, {tabs.Sum(tab => tab.Drops)} drops, {tabs.Sum(tab => tab.FailedConnects)} refused connects, {tabs.Sum(tab => tab.CatchUps)} catch-ups, {tabs.Sum(tab => tab.Pushes)} live pushes ({tabs.Sum(tab => tab.StalePushes)} repeats or older than the view, ignored by the merge)");
            output.WriteLine($"stream PushResults: {pushAfter.Delivered - pushBefore.Delivered} records delivered, {pushAfter.Retried - pushBefore.Retried} retried, {pushAfter.Failed - pushBefore.Failed} given up; S3 events given up: {probe.S3EventFailures().Count}");
            output.WriteLine($"time: uploads done {uploadedAt.TotalSeconds:0.0} s, all final {finalAt.TotalSeconds:0.0} s, every tab complete {settledAt.TotalSeconds:0.0} s; slowest image {slowest.TotalSeconds:0.0} s from upload request to result");
            output.WriteLine($"results lost: {missing}; shown twice or foreign: {extra + tabs.Sum(tab => tab.ForeignPushes)}; wrong final status: {wrongStatus}");
            foreach (var wrong in wrongImages)
            {
                output.WriteLine($"wrong final status: {wrong}");
            }

            missing.ShouldBe(0);
            extra.ShouldBe(0);
            wrongStatus.ShouldBe(0);
            tabs.Sum(tab => tab.ForeignPushes).ShouldBe(0);
            chaos.DetectorKills.ShouldBe(1);
            detectorRestarts.ShouldBeGreaterThanOrEqualTo(1);
            (chaos.ServerDrops + chaos.ClientAborts).ShouldBeGreaterThan(20, "the chaos loop should have dropped many sockets");
        }
        finally
        {
            foreach (var tab in tabs)
            {
                await tab.DisposeAsync();
            }
        }
    }

    private static bool HasAll(SimulatedTab tab, ConcurrentDictionary<string, (string FeedId, string Status)> expected)
    {
        var view = tab.View;
        return expected.Where(pair => pair.Value.FeedId == tab.FeedId)
            .All(pair => view.TryGetValue(pair.Key, out var shown) && Statuses.IsFinal(shown.GetProperty("status").GetString()));
    }

    /// <summary>Each tab uploads its share, many at once as several tabs would; the detector is killed mid-way.</summary>
    private async Task UploadAllAsync(SimulatedTab[] tabs, ConcurrentDictionary<string, (string FeedId, string Status)> expected, ChaosCounters chaos)
    {
        using var parallel = new SemaphoreSlim(8);
        var done = 0;
        var jobs = tabs.SelectMany((tab, t) => Enumerable.Range(0, UploadsPerTab).Select(i => (tab.FeedId, Image: SampleImages.Mixed((t * UploadsPerTab) + i, BrokenEvery))))
            .Select(async job =>
            {
                await parallel.WaitAsync();
                try
                {
                    var ticket = await client.UploadAsync(job.FeedId, job.Image.FileName, job.Image.Bytes, job.Image.ContentType);
                    expected[ticket.ImageId] = (job.FeedId, job.Image.ExpectedStatus);
                    if (Interlocked.Increment(ref done) == KillDetectorAfterUploads)
                    {
                        // Mid-run, with detections queued in the detector: kill it; the host restarts it.
                        StackProbe.KillListener(new Uri(stack.Endpoints.Rekognition).Port);
                        Interlocked.Increment(ref chaos.DetectorKills);
                    }
                }
                finally
                {
                    parallel.Release();
                }
            })
            .ToArray();
        await Task.WhenAll(jobs);
    }

    private async Task ChaosAsync(SimulatedTab[] tabs, string[] feeds, ChaosCounters chaos, CancellationToken token)
    {
        var random = new Random(20261121);
        var management = stack.Endpoints.Apigatewaymanagementapi.TrimEnd('/');
        while (!token.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(random.Next(200, 500), token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            var roll = random.NextDouble();
            if (roll < 0.4)
            {
                // Server side: API Gateway closes a socket (as on a deploy or its 2-hour limit).
                var connections = await client.ConnectionIdsOfFeedAsync(feeds[random.Next(feeds.Length)]);
                if (connections.Count == 0)
                {
                    continue;
                }
                using var response = await stack.Http.DeleteAsync(new Uri($"{management}/@connections/{Uri.EscapeDataString(connections[random.Next(connections.Count)])}"), CancellationToken.None);
                if (response.StatusCode == HttpStatusCode.NoContent)
                {
                    Interlocked.Increment(ref chaos.ServerDrops);
                }
            }
            else
            {
                // Client side: the network drops; some tabs stay away a while (a laptop lid, a tunnel).
                var away = roll > 0.85 ? TimeSpan.FromMilliseconds(random.Next(2000, 6000)) : TimeSpan.Zero;
                tabs[random.Next(tabs.Length)].Abort(away);
                Interlocked.Increment(ref chaos.ClientAborts);
                if (away > TimeSpan.Zero)
                {
                    Interlocked.Increment(ref chaos.LongAbsences);
                }
            }
        }
    }

    private sealed class ChaosCounters
    {
#pragma warning disable CA1051 // Counters updated with Interlocked must be fields.
        public int ServerDrops;
        public int ClientAborts;
        public int LongAbsences;
        public int DetectorKills;
#pragma warning restore CA1051
    }
}
