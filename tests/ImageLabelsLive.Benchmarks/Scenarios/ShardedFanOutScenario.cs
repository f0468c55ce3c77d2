using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Amazon.ApiGatewayManagementApi;
using Amazon.Runtime;
using ImageLabelsLive.Aws.Messaging;
using ImageLabelsLive.Benchmarks.Harness;
using ImageLabelsLive.Core.Images;
using ImageLabelsLive.Core.Ports;
using ImageLabelsLive.Core.PushResults;
using ImageLabelsLive.Core.PushShards;

namespace ImageLabelsLive.Benchmarks.Scenarios;

/// <summary>
/// Scenario 6. One push to N real tabs through the local management API, unsharded (baseline, same run) and sharded
/// by <see cref="PushShardPlan"/>: PushResults' handler posts the first shard and hands each other one, as its SNS
/// message text, to a PushShardHandler started at once (what SNS → Lambda does, here in this process). On two shared
/// cores the shards compete for the same CPU, so this shows the path's overhead; on AWS each shard has its own
/// container, which is what the README's model counts on.
/// </summary>
internal sealed class ShardedFanOutScenario : IScenario
{
    private const string FeedId = "c2hhcmRlZEZhbk91dEZlZWQ";

    public int Number => 6;

    public string Name => "sharded";

    public string Title => "Sharded fan-out: one push split into PushShard workers";

    public async Task RunAsync(BenchmarkContext context, ScenarioReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(report);
        var tabs = context.Quick ? 600 : 3000;
        var shardSize = context.Quick ? 200 : 1000;
        var rounds = context.Quick ? 2 : 4;
        await using var gateway = await LocalApiGateway.StartAsync().ConfigureAwait(false);
        context.Progress($"opening {tabs} tabs on one feed");
        await using var swarm = await SocketSwarm.ConnectAsync(gateway.WebSocketUri(FeedId), tabs, 32, (_, _, _) => { }, cancellationToken).ConfigureAwait(false);
        using var client = new AmazonApiGatewayManagementApiClient(
            new BasicAWSCredentials("AKIABENCHMARKEXAMPLE", "benchmark-secret"),
            new AmazonApiGatewayManagementApiConfig { ServiceURL = gateway.ManagementUri.ToString(), AuthenticationRegion = "us-east-1" });
        var messenger = new ApiGatewayConnectionMessenger(client);
        var workers = new InProcessShardWorkers(new PushShardHandler(gateway.Store, messenger, PushResultsHandler.DefaultConcurrency));
        var unsharded = new PushResultsHandler(gateway.Store, messenger, PushResultsHandler.DefaultConcurrency);
        var sharded = new PushResultsHandler(gateway.Store, messenger, PushResultsHandler.DefaultConcurrency, null, workers, new PushShardPlan(shardSize));

        var expected = 0L;
        var times = new Dictionary<string, List<double>>(StringComparer.Ordinal) { ["unsharded"] = [], ["sharded"] = [] };
        for (var round = -1; round < rounds; round++)
        {
            foreach (var (name, handler) in round % 2 == 0 ? [("unsharded", unsharded), ("sharded", sharded)] : new[] { ("sharded", sharded), ("unsharded", unsharded) })
            {
                var image = Image();
                var started = Stopwatch.GetTimestamp();
                var pushed = await handler.HandleAsync(image, cancellationToken).ConfigureAwait(false);
                expected += tabs;
                var all = await swarm.WaitForAsync(expected, TimeSpan.FromSeconds(120)).ConfigureAwait(false);
                await workers.DrainAsync().ConfigureAwait(false);
                if (round >= 0)
                {
                    times[name].Add(all ? Stopwatch.GetElapsedTime(started).TotalMilliseconds : double.NaN);
                }
                _ = pushed;
            }
            context.Progress($"round {round + 1}/{rounds}: load {MachineLoad.Read()}");
        }

        var baseline = Stats.Median(times["unsharded"]);
        var table = new TextTable("path", "every tab reached (median ms)", "min", "max", "vs unsharded");
        var figures = new JsonObject();
        foreach (var (name, values) in times)
        {
            var median = Stats.Median(values);
            table.Add(
                name == "sharded" ? $"sharded, {shardSize} a shard ({(tabs + shardSize - 1) / shardSize} shards)" : "unsharded (baseline)",
                Format.Ms(median), Format.Ms(values.Min()), Format.Ms(values.Max()), Format.Ratio(Stats.Ratio(median, baseline)));
            figures[name + "MsMedian"] = Math.Round(median, 1);
        }
        report.AddTable($"{tabs} tabs, {rounds} pushes each way, interleaved; from the handler's start to the last tab's frame", table);
        figures["tabs"] = tabs;
        figures["shardSize"] = shardSize;
        report.Figures["sharding"] = figures;
        report.Note("Both ways share this process's two cores; sharding pays off where each shard gets its own CPU (Lambda), see the README's model.");
    }

    private static ImageRecord Image() => new()
    {
        ImageId = ImageIds.New(), FeedId = FeedId, FileName = "cat.jpg", ContentType = "image/jpeg", Size = 50_000,
        Status = ImageStatus.Labeled, Labels = [new Label("Cat", 91.5, ["Pet", "Animal", "Mammal"], [])],
        CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow,
    };

    /// <summary>SNS → Lambda in this process: each shard travels as its message text and is handled on its own task at once.</summary>
    private sealed class InProcessShardWorkers(PushShardHandler handler) : IPushShardDispatcher
    {
        private readonly ConcurrentBag<Task> running = [];

        public Task DispatchAsync(PushShard shard, CancellationToken cancellationToken)
        {
            var text = shard.ToJson();
            running.Add(Task.Run(() => handler.HandleAsync(PushShard.FromJson(text), CancellationToken.None), CancellationToken.None));
            return Task.CompletedTask;
        }

        public async Task DrainAsync()
        {
            await Task.WhenAll(running).ConfigureAwait(false);
            running.Clear();
        }
    }
}
