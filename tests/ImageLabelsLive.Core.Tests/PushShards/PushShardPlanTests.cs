using ImageLabelsLive.Core.PushShards;

namespace ImageLabelsLive.Core.Tests.PushShards;

public class PushShardPlanTests
{
    private static string[] Ids(int count) => Enumerable.Range(0, count).Select(i => $"conn{i:D8}=").ToArray();

    [Theory]
    [InlineData(1000, false)]
    [InlineData(1001, true)]
    public void ShouldShard_AroundTheShardSize_ShardsOnlyAboveIt(int connections, bool shards) =>
        new PushShardPlan(1000).ShouldShard(connections).ShouldBe(shards);

    [Fact]
    public void Split_2500Connections_GivesShardsOfAtMost1000InOrderCoveringEveryId()
    {
        var ids = Ids(2500);

        var shards = new PushShardPlan(1000).Split(ids, messageBytes: 4_000);

        shards.Select(shard => shard.Length).ShouldBe([1000, 1000, 500]);
        shards.SelectMany(shard => shard).ShouldBe(ids);
    }

    [Fact]
    public void Split_BigMessage_MakesShardsSmallEnoughForOneSnsMessage()
    {
        var ids = Ids(5000);
        var message = new string('"', 125_000);

        var shards = new PushShardPlan(1000).Split(ids, PushShard.MessageSizeInJson(message));

        shards.Count.ShouldBeGreaterThan(5);
        shards.SelectMany(shard => shard).ShouldBe(ids);
        foreach (var shard in shards)
        {
            var json = new PushShard("feed", "image", "labeled", 0, shards.Count, message, shard).ToJson();
            System.Text.Encoding.UTF8.GetByteCount(json).ShouldBeLessThanOrEqualTo(PushShardPlan.MaxMessageBytes);
        }
    }

    [Fact]
    public void Split_MessageTooBigForSns_GivesNoShards() =>
        new PushShardPlan(1000).Split(Ids(10), messageBytes: 262_000).ShouldBeEmpty();

    [Fact]
    public void FromJson_ToJsonOfAShard_GivesTheSameShard()
    {
        var shard = new PushShard("feed", "image", "processing", 2, 5, "{\"type\":\"image\"}", ["a=", "b="]);

        var read = PushShard.FromJson(shard.ToJson());

        read.ConnectionIds.ShouldBe(shard.ConnectionIds);
        (read with { ConnectionIds = shard.ConnectionIds }).ShouldBe(shard);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"imageId\":\"i\",\"message\":\"m\"}")]
    [InlineData("[]")]
    public void FromJson_NotAShard_ThrowsJsonException(string json) =>
        Should.Throw<System.Text.Json.JsonException>(() => PushShard.FromJson(json));
}
