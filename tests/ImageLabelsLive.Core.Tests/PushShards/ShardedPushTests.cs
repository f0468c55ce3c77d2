using System.Collections.Concurrent;
using System.Text.Json;
using ImageLabelsLive.Core.Images;
using ImageLabelsLive.Core.Ports;
using ImageLabelsLive.Core.PushResults;
using ImageLabelsLive.Core.PushShards;
using ImageLabelsLive.Testing.Fakes;

namespace ImageLabelsLive.Core.Tests.PushShards;

public class ShardedPushTests
{
    private readonly InMemoryConnectionStore connections = new();
    private readonly RecordingMessenger messenger = new();
    private readonly RecordingDispatcher dispatcher = new();

    private PushResultsHandler Handler(int shardSize) =>
        new(connections, messenger, 8, links: null, dispatcher, new PushShardPlan(shardSize));

    private void AddConnections(int count)
    {
        for (var i = 0; i < count; i++)
        {
            connections.Add($"c{i:D5}=", Samples.FeedId);
        }
    }

    [Fact]
    public async Task HandleAsync_FeedBiggerThanAShard_PostsTheFirstShardAndDispatchesTheRest()
    {
        AddConnections(25);
        var image = Samples.Record(ImageStatus.Labeled) with { Labels = [Samples.Cat] };

        var report = await Handler(shardSize: 10).HandleAsync(image, default);

        report.Delivered.ShouldBe(10);
        report.Shards.ShouldBe(3);
        report.Sharded.ShouldBe(15);
        dispatcher.Shards.Select(shard => shard.ConnectionIds.Count).Order().ShouldBe([5, 10]);
        var everyone = messenger.Received.Keys.Concat(dispatcher.Shards.SelectMany(shard => shard.ConnectionIds));
        everyone.Order(StringComparer.Ordinal).ShouldBe((await connections.ListByFeedAsync(Samples.FeedId, default)).Order(StringComparer.Ordinal));
        var shard = dispatcher.Shards.First();
        shard.Status.ShouldBe("labeled");
        shard.Count.ShouldBe(3);
        shard.Message.ShouldBe(messenger.Received.Values.First().Single(), "every tab gets the same text");
    }

    [Fact]
    public async Task HandleAsync_FeedNoBiggerThanAShard_PostsEveryConnectionItself()
    {
        AddConnections(10);

        var report = await Handler(shardSize: 10).HandleAsync(Samples.Record(), default);

        report.Delivered.ShouldBe(10);
        report.Shards.ShouldBe(0);
        dispatcher.Shards.ShouldBeEmpty();
    }

    [Fact]
    public async Task HandleAsync_DispatchFails_ReportsAFailureSoTheRecordIsRetried()
    {
        AddConnections(25);
        dispatcher.Fail = true;

        var report = await Handler(shardSize: 10).HandleAsync(Samples.Record(), default);

        report.Succeeded.ShouldBeFalse();
        report.Delivered.ShouldBe(10);
    }

    [Fact]
    public async Task PushShardHandler_Shard_PostsItsMessageToEachOfItsConnectionsAndDeletesGoneOnes()
    {
        AddConnections(3);
        messenger.Gone.Add("c00001=");
        var handler = new PushShardHandler(connections, messenger, 4);
        var shard = new PushShard(Samples.FeedId, "img", "labeled", 1, 2, "{\"type\":\"image\"}", ["c00000=", "c00001=", "c00002="]);

        var report = await handler.HandleAsync(shard, default);

        report.Delivered.ShouldBe(2);
        report.Gone.ShouldBe(1);
        messenger.Received["c00000="].ShouldBe(["{\"type\":\"image\"}"]);
        (await connections.ListByFeedAsync(Samples.FeedId, default)).ShouldNotContain("c00001=");
    }

    [Fact]
    public async Task PushShardHandler_ShardBehindOneAlreadyPosted_IsNotSentAgain()
    {
        AddConnections(1);
        var handler = new PushShardHandler(connections, messenger, 4);
        var labeled = new PushShard(Samples.FeedId, "img", "labeled", 1, 2, "labeled", ["c00000="]);

        await handler.HandleAsync(labeled, default);
        var late = await handler.HandleAsync(labeled with { Status = "processing", Message = "processing" }, default);

        late.IsSuperseded.ShouldBeTrue();
        messenger.Received["c00000="].ShouldBe(["labeled"]);
    }

    private sealed class RecordingDispatcher : IPushShardDispatcher
    {
        public ConcurrentBag<PushShard> Shards { get; } = [];

        public bool Fail { get; set; }

        public Task DispatchAsync(PushShard shard, CancellationToken cancellationToken)
        {
            if (Fail)
            {
                throw new InvalidOperationException("SNS is down");
            }
            Shards.Add(shard);
            return Task.CompletedTask;
        }
    }
}
