using System.Text.Json.Nodes;
using ImageLabelsLive.Core.PushShards;
using ImageLabelsLive.Functions.PushShard;
using ImageLabelsLive.Testing.Fakes;

namespace ImageLabelsLive.Functions.Tests.PushShard;

public class PushShardFunctionTests
{
    private readonly InMemoryConnectionStore connections = new();
    private readonly RecordingMessenger messenger = new();

    private PushShardFunction Function() => new(new PushShardHandler(connections, messenger, 4));

    private static string ShardJson(params string[] connectionIds) =>
        new Core.PushShards.PushShard(Samples.FeedId, "img1", "labeled", 1, 3, "{\"type\":\"image\",\"image\":{}}", connectionIds).ToJson();

    /// <summary>An SNS event as SNS delivers it to a Lambda subscription (the shape of aws-lambda-dotnet's sample).</summary>
    private static JsonObject SnsEvent(string message) => new()
    {
        ["Records"] = new JsonArray(new JsonObject
        {
            ["EventVersion"] = "1.0",
            ["EventSubscriptionArn"] = "arn:aws:sns:us-east-1:123456789012:push-shards:2bcfbf39-05c3-41de-beaa-fcfcc21c8f55",
            ["EventSource"] = "aws:sns",
            ["Sns"] = new JsonObject
            {
                ["SignatureVersion"] = "1",
                ["Timestamp"] = "2026-12-07T00:00:00.000Z",
                ["MessageId"] = "95df01b4-ee98-5cb9-9903-4c221d41eb5e",
                ["Message"] = message,
                ["MessageAttributes"] = new JsonObject(),
                ["Type"] = "Notification",
                ["TopicArn"] = "arn:aws:sns:us-east-1:123456789012:push-shards",
                ["Subject"] = null,
            },
        }),
    };

    [Fact]
    public async Task HandleAsync_SnsEventWithAShard_PostsItsMessageToEachOfItsConnections()
    {
        connections.Add("a=", Samples.FeedId);
        connections.Add("b=", Samples.FeedId);
        connections.Add("not-in-shard=", Samples.FeedId);

        await LambdaInvocation.InvokeAsync(Function().HandleAsync, SnsEvent(ShardJson("a=", "b=")));

        messenger.Received.Keys.Order(StringComparer.Ordinal).ShouldBe(["a=", "b="]);
        messenger.Received["a="].ShouldBe(["{\"type\":\"image\",\"image\":{}}"]);
    }

    [Fact]
    public async Task HandleAsync_ConnectionFails_ThrowsSoLambdaRetriesTheShard()
    {
        messenger.Failing.Add("a=");

        await Should.ThrowAsync<AggregateException>(() => LambdaInvocation.InvokeAsync(Function().HandleAsync, SnsEvent(ShardJson("a=", "b="))));

        messenger.Received.Keys.ShouldBe(["b="]);
    }

    [Fact]
    public async Task HandleAsync_MessageIsNotAShard_ThrowsJsonException() =>
        await Should.ThrowAsync<System.Text.Json.JsonException>(() => LambdaInvocation.InvokeAsync(Function().HandleAsync, SnsEvent("Hello from SNS!")));

    [SharedFact]
    public async Task HandleAsync_SharedSnsSampleEventWithAShard_ReadsTheRealEventShape()
    {
        connections.Add("a=", Samples.FeedId);
        var lambdaEvent = LambdaInvocation.SharedEvent("aws-lambda-dotnet_sns-event.json");
        lambdaEvent["Records"]![0]!["Sns"]!["Message"] = ShardJson("a=");

        await LambdaInvocation.InvokeAsync(Function().HandleAsync, lambdaEvent);

        messenger.Received.Keys.ShouldBe(["a="]);
    }
}
