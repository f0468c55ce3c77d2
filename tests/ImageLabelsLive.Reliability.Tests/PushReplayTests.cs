using System.Text.Json.Nodes;
using ImageLabelsLive.Core.Images;
using ImageLabelsLive.Core.PushResults;
using ImageLabelsLive.Testing.Fakes;

namespace ImageLabelsLive.Reliability.Tests;

/// <summary>
/// The fix for statuses pushed backwards: a duplicated or retried stream batch replays records already pushed, and the
/// pusher must not send a tab "uploading" after "labeled".
/// </summary>
public sealed class PushReplayTests
{
    private readonly InMemoryConnectionStore connections = new();
    private readonly RecordingMessenger messenger = new();

    [Fact]
    public async Task HandleAsync_BatchReplayedAfterItsLastStatus_SendsNothingBehindIt()
    {
        connections.Add("c1", Samples.FeedId);
        var handler = new PushResultsHandler(connections, messenger, maxConcurrency: 4);
        var uploading = Samples.Record();
        var processing = uploading with { Status = ImageStatus.Processing };
        var labeled = uploading with { Status = ImageStatus.Labeled, Labels = [Samples.Cat] };

        foreach (var delivery in new[] { 1, 2 })
        {
            foreach (var record in new[] { uploading, processing, labeled })
            {
                await handler.HandleAsync(record, default);
            }
        }

        Statuses("c1").ShouldBe(["uploading", "processing", "labeled", "labeled"]);
    }

    [Fact]
    public async Task HandleAsync_SameStatusAgain_IsSentAgainSoAFailedPushCanBeRetried()
    {
        connections.Add("c1", Samples.FeedId);
        var handler = new PushResultsHandler(connections, messenger, maxConcurrency: 4);
        var processing = Samples.Record(ImageStatus.Processing);

        var first = await handler.HandleAsync(processing, default);
        var again = await handler.HandleAsync(processing, default);

        first.IsSuperseded.ShouldBeFalse();
        again.IsSuperseded.ShouldBeFalse();
        Statuses("c1").ShouldBe(["processing", "processing"]);
    }

    [Fact]
    public void TryAdvance_MoreImagesThanCapacity_ForgetsTheOldestOnly()
    {
        var pushed = new PushedStatuses(capacity: 2);
        pushed.TryAdvance("a", ImageStatus.Labeled).ShouldBeTrue();
        pushed.TryAdvance("b", ImageStatus.Failed).ShouldBeTrue();
        pushed.TryAdvance("c", ImageStatus.Processing).ShouldBeTrue();

        pushed.TryAdvance("b", ImageStatus.Uploading).ShouldBeFalse();
        pushed.TryAdvance("a", ImageStatus.Uploading).ShouldBeTrue("'a' was forgotten to make room for 'c'");
        pushed.TryAdvance("b", ImageStatus.Labeled).ShouldBeTrue("labeled and failed are both final");
    }

    private string[] Statuses(string connectionId) =>
        messenger.Received[connectionId].Select(message => JsonNode.Parse(message)!["image"]!["status"]!.GetValue<string>()).ToArray();
}
