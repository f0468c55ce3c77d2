using System.Text.Json;
using ImageLabelsLive.Core.Images;
using ImageLabelsLive.Core.PushResults;
using ImageLabelsLive.Testing.Fakes;

namespace ImageLabelsLive.Core.Tests.PushResults;

public class PushResultsHandlerTests
{
    private readonly InMemoryConnectionStore connections = new();
    private readonly RecordingMessenger messenger = new();

    private PushResultsHandler Handler(int concurrency = 8) => new(connections, messenger, concurrency);

    [Fact]
    public async Task HandleAsync_FeedWithTwoSockets_SendsImageMessageToBothAndNoOtherFeed()
    {
        connections.Add("a", Samples.FeedId);
        connections.Add("b", Samples.FeedId);
        connections.Add("other", Samples.OtherFeedId);
        var image = Samples.Record(ImageStatus.Labeled) with { Labels = [Samples.Cat] };

        var report = await Handler().HandleAsync(image, default);

        report.Delivered.ShouldBe(2);
        messenger.Received.Keys.Order().ShouldBe(["a", "b"]);
        using var message = JsonDocument.Parse(messenger.Received["a"].Single());
        message.RootElement.GetProperty("type").GetString().ShouldBe("image");
        message.RootElement.GetProperty("image").GetProperty("imageId").GetString().ShouldBe(image.ImageId);
        message.RootElement.GetProperty("image").GetProperty("status").GetString().ShouldBe("labeled");
    }

    [Fact]
    public async Task HandleAsync_GoneSocket_IsDeletedAndOthersStillReceive()
    {
        connections.Add("live", Samples.FeedId);
        connections.Add("dead", Samples.FeedId);
        messenger.Gone.Add("dead");

        var report = await Handler().HandleAsync(Samples.Record(), default);

        report.ShouldBe(report with { Delivered = 1, Gone = 1 });
        report.Succeeded.ShouldBeTrue();
        connections.Connections.Keys.ShouldBe(["live"]);
        messenger.Received.Keys.ShouldBe(["live"]);
    }

    [Fact]
    public async Task HandleAsync_FailingSocket_DoesNotStopOthersAndIsReported()
    {
        foreach (var id in new[] { "a", "b", "c" })
        {
            connections.Add(id, Samples.FeedId);
        }
        messenger.Failing.Add("b");

        var report = await Handler().HandleAsync(Samples.Record(), default);

        report.Succeeded.ShouldBeFalse();
        report.Failures.ShouldHaveSingleItem();
        messenger.Received.Keys.Order().ShouldBe(["a", "c"]);
        connections.Connections.ContainsKey("b").ShouldBeTrue();
    }

    [Fact]
    public async Task HandleAsync_ManySockets_SendsInParallelWithinTheBound()
    {
        for (var i = 0; i < 40; i++)
        {
            connections.Add($"c{i:00}", Samples.FeedId);
        }
        messenger.Delay = TimeSpan.FromMilliseconds(20);

        var report = await Handler(concurrency: 4).HandleAsync(Samples.Record(), default);

        report.Delivered.ShouldBe(40);
        messenger.MaxInFlight.ShouldBeInRange(2, 4);
    }

    [Fact]
    public async Task HandleAsync_NoSockets_SendsNothing()
    {
        var report = await Handler().HandleAsync(Samples.Record(), default);

        report.ShouldBe(new PushReport(0, 0, []), new PushReportComparer());
        messenger.Received.ShouldBeEmpty();
    }

    [Theory]
    [InlineData(null, ImageStatus.Uploading, true)]
    [InlineData(ImageStatus.Uploading, ImageStatus.Processing, true)]
    [InlineData(ImageStatus.Labeled, ImageStatus.Labeled, false)]
    public void IsStatusChange_OldAndNew_OnlyWhenStatusMoved(ImageStatus? old, ImageStatus now, bool expected) =>
        PushResultsHandler.IsStatusChange(old is null ? null : Samples.Record(old.Value), Samples.Record(now)).ShouldBe(expected);

    private sealed class PushReportComparer : IEqualityComparer<PushReport>
    {
        public bool Equals(PushReport? x, PushReport? y) => x!.Delivered == y!.Delivered && x.Gone == y.Gone && x.Failures.Count == y.Failures.Count;

        public int GetHashCode(PushReport obj) => obj.Delivered;
    }
}
