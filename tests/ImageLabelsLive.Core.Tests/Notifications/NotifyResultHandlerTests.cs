using ImageLabelsLive.Core.Images;
using ImageLabelsLive.Core.Notifications;
using ImageLabelsLive.Testing.Fakes;

namespace ImageLabelsLive.Core.Tests.Notifications;

public class NotifyResultHandlerTests
{
    private static readonly Uri Site = new("https://app.example/");
    private readonly InMemoryImageStore images = new();
    private readonly RecordingPublisher publisher = new();

    private NotifyResultHandler Handler => new(images, publisher, Site, new FakeTimeProvider(Samples.Start));

    private async Task<(ImageRecord Old, ImageRecord New)> LabeledAsync()
    {
        var processing = Samples.Record(ImageStatus.Processing);
        await images.CreateAsync(processing, default);
        return (processing, processing.Label([Samples.Cat], Samples.Start).Record);
    }

    [Fact]
    public async Task HandleAsync_MoveIntoLabeled_PublishesOneEmailWithFeedId()
    {
        var (old, labeled) = await LabeledAsync();

        (await Handler.HandleAsync(old, labeled, default)).ShouldBe(NotifyOutcome.Sent);

        var email = publisher.Published.ShouldHaveSingleItem();
        email.FeedId.ShouldBe(Samples.FeedId);
        email.Subject.ShouldBe("1 label in cat.png: Cat");
        email.Body.ShouldContain("Cat 91.5%");
        email.Status.ShouldBe("labeled");
        email.Labels.ShouldBe(["Cat"]);
    }

    [Fact]
    public async Task HandleAsync_SameChangeDeliveredTwice_SendsOnce()
    {
        var (old, labeled) = await LabeledAsync();

        await Handler.HandleAsync(old, labeled, default);
        (await Handler.HandleAsync(old, labeled, default)).ShouldBe(NotifyOutcome.AlreadySent);

        publisher.Published.Count.ShouldBe(1);
    }

    [Fact]
    public async Task HandleAsync_PublishFails_ReleasesClaimSoRetrySends()
    {
        var (old, labeled) = await LabeledAsync();
        publisher.Failure = new HttpRequestException("smtp down");

        await Should.ThrowAsync<HttpRequestException>(() => Handler.HandleAsync(old, labeled, default));
        images.IsClaimed(labeled.ImageId).ShouldBeFalse();

        publisher.Failure = null;
        (await Handler.HandleAsync(old, labeled, default)).ShouldBe(NotifyOutcome.Sent);
        publisher.Published.Count.ShouldBe(1);
    }

    [Theory]
    [InlineData(null, ImageStatus.Uploading)]
    [InlineData(ImageStatus.Uploading, ImageStatus.Processing)]
    [InlineData(ImageStatus.Labeled, ImageStatus.Labeled)]
    [InlineData(ImageStatus.Failed, ImageStatus.Failed)]
    public async Task HandleAsync_NotAMoveIntoAResult_SendsNothing(ImageStatus? old, ImageStatus now)
    {
        var outcome = await Handler.HandleAsync(old is null ? null : Samples.Record(old.Value), Samples.Record(now), default);

        outcome.ShouldBe(NotifyOutcome.NotATransition);
        publisher.Published.ShouldBeEmpty();
    }
}
