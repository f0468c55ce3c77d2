using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Amazon.ApiGatewayManagementApi;
using Amazon.Runtime;
using ImageLabelsLive.Aws.Messaging;
using ImageLabelsLive.Benchmarks.Harness;
using ImageLabelsLive.Core.Images;
using ImageLabelsLive.Core.PushResults;

namespace ImageLabelsLive.Benchmarks.Scenarios;

/// <summary>
/// Scenario 3. The pusher's real path: PushResultsHandler → ApiGatewayConnectionMessenger (Polly retry) →
/// the management API client (SigV4-signed HTTP, pooled connections) → LocalAws' @connections endpoint →
/// the WebSocket API's per-socket send queue → N real ClientWebSocket tabs, all of one feed, which count
/// the frames. PostToConnection calls per second at each concurrency; baseline: concurrency 1, same run.
/// </summary>
internal sealed class PusherThroughputScenario : IScenario
{
    internal const string FeedId = "cHVzaGVyVGhyb3VnaHB1dEZlZWQ";

    public int Number => 3;

    public string Name => "pusher";

    public string Title => "Pusher throughput: PostToConnection calls per second";

    public async Task RunAsync(BenchmarkContext context, ScenarioReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(report);
        var socketCount = context.Quick ? 200 : 1000;
        var rounds = context.Quick ? 2 : 5;
        int[] concurrencies = [1, 4, 16, 32, 64, 128];

        await using var gateway = await LocalApiGateway.StartAsync().ConfigureAwait(false);
        context.Progress($"local API Gateway on {gateway.BaseUri}; opening {socketCount} WebSocket tabs on one feed");
        await using var tabs = await SocketSwarm.ConnectAsync(gateway.WebSocketUri(FeedId), socketCount, 32, (_, _, _) => { }, cancellationToken).ConfigureAwait(false);
        if (gateway.Store.Count != socketCount)
        {
            throw new InvalidOperationException($"$connect stored {gateway.Store.Count} connections for {socketCount} sockets.");
        }

        using var client = new AmazonApiGatewayManagementApiClient(
            new BasicAWSCredentials("AKIABENCHMARKEXAMPLE", "benchmark-secret"),
            new AmazonApiGatewayManagementApiConfig { ServiceURL = gateway.ManagementUri.ToString(), AuthenticationRegion = "us-east-1" });
        var messenger = new ApiGatewayConnectionMessenger(client);
        var image = LabeledImage();
        var expected = 0L;

        // Warm-up: JIT, connection pool, socket buffers.
        context.Progress("warm-up push");
        var warmUp = await new PushResultsHandler(gateway.Store, messenger, 32).HandleAsync(image, cancellationToken).ConfigureAwait(false);
        expected += warmUp.Delivered;
        await tabs.WaitForAsync(expected, TimeSpan.FromSeconds(60)).ConfigureAwait(false);

        var table = new TextTable("concurrency", "calls/s (median)", "min", "max", "ms per push of " + socketCount, "all frames received", "vs concurrency 1", "failed");
        var figures = new JsonArray();
        double baseline = double.NaN;
        double best = 0;
        foreach (var concurrency in concurrencies)
        {
            context.Progress($"concurrency {concurrency}: {rounds} pushes to {socketCount} sockets");
            var handler = new PushResultsHandler(gateway.Store, messenger, concurrency);
            var rates = new List<double>();
            var pushMs = new List<double>();
            var receivedMs = new List<double>();
            var failed = 0;
            for (var round = 0; round < rounds; round++)
            {
                var started = Stopwatch.GetTimestamp();
                var pushed = await handler.HandleAsync(image, cancellationToken).ConfigureAwait(false);
                var elapsed = Stopwatch.GetElapsedTime(started);
                expected += pushed.Delivered;
                failed += pushed.Failures.Count + pushed.Gone;
                var allReceived = await tabs.WaitForAsync(expected, TimeSpan.FromSeconds(60)).ConfigureAwait(false);
                receivedMs.Add(allReceived ? Stopwatch.GetElapsedTime(started).TotalMilliseconds : double.NaN);
                rates.Add(pushed.Delivered / elapsed.TotalSeconds);
                pushMs.Add(elapsed.TotalMilliseconds);
            }
            var median = Stats.Median(rates);
            if (concurrency == 1)
            {
                baseline = median;
            }
            best = Math.Max(best, median);
            table.Add(
                concurrency.ToString(CultureInfo.InvariantCulture),
                Format.Rate(median),
                Format.Rate(rates.Min()),
                Format.Rate(rates.Max()),
                Format.Ms(Stats.Median(pushMs)),
                Format.Ms(Stats.Median(receivedMs)) + " ms",
                Format.Ratio(Stats.Ratio(median, baseline)),
                failed.ToString(CultureInfo.InvariantCulture));
            figures.Add(new JsonObject
            {
                ["concurrency"] = concurrency,
                ["callsPerSecondMedian"] = Math.Round(median),
                ["callsPerSecond"] = new JsonArray([.. rates.Select(rate => (JsonNode)JsonValue.Create(Math.Round(rate)))]),
                ["pushMsMedian"] = Math.Round(Stats.Median(pushMs), 1),
                ["allReceivedMsMedian"] = Math.Round(Stats.Median(receivedMs), 1),
                ["failed"] = failed,
            });
        }
        report.AddTable($"{socketCount} sockets on one feed, {rounds} pushes per concurrency; a push ends when every PostToConnection has answered", table);

        context.Progress("where one call's time goes (one caller, one call at a time)");
        var breakdown = await CallBreakdown.MeasureAsync(gateway, client, messenger, tabs, context.Quick ? 500 : 2000, cancellationToken).ConfigureAwait(false);
        report.AddTable("One call at a time, per call: wall time and CPU time of this whole process (client, server and tabs)", breakdown.Table);
        report.Figures["breakdown"] = breakdown.Figures;
        report.Figures["sockets"] = socketCount;
        report.Figures["messageBytes"] = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(new Core.Web.ImagePushMessage(image), Core.Web.WebJson.Default.ImagePushMessage).Length;
        report.Figures["byConcurrency"] = figures;
        report.Figures["framesReceived"] = tabs.Received;
        report.GoalAtLeast($"≥ 3,000 PostToConnection/s (best concurrency; the default PUSH_CONCURRENCY is {PushResultsHandler.DefaultConcurrency})", best, 3000, "calls/s");
        report.Note("Client, management API, WebSocket server and the tabs all share this process and its 2 cores, as they share the machine in the local stack.");
    }

    /// <summary>A labeled record shaped like the detector's answers for a photo with a few objects.</summary>
    private static ImageRecord LabeledImage()
    {
        var now = DateTimeOffset.UtcNow;
        return new ImageRecord
        {
            ImageId = ImageIds.New(),
            FeedId = FeedId,
            FileName = "dog_bicycle_truck.jpg",
            ContentType = "image/jpeg",
            Size = 163_759,
            Status = ImageStatus.Labeled,
            Labels =
            [
                new Label("Dog", 81.2, ["Pet", "Animal", "Mammal"], [new LabelInstance(81.2, new BoundingBox(0.16, 0.38, 0.26, 0.56))]),
                new Label("Bicycle", 74.5, ["Vehicle", "Transportation"], [new LabelInstance(74.5, new BoundingBox(0.17, 0.21, 0.58, 0.58))]),
                new Label("Truck", 63.9, ["Vehicle", "Transportation"], [new LabelInstance(63.9, new BoundingBox(0.61, 0.13, 0.29, 0.17))]),
            ],
            CreatedAt = now.AddSeconds(-2),
            UpdatedAt = now,
        };
    }
}
