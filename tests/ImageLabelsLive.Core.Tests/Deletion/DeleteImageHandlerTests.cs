using ImageLabelsLive.Core.Deletion;
using ImageLabelsLive.Core.Feeds;
using ImageLabelsLive.Core.Images;
using ImageLabelsLive.Core.Notifications;
using ImageLabelsLive.Testing.Fakes;

namespace ImageLabelsLive.Core.Tests.Deletion;

public class DeleteImageHandlerTests
{
    private readonly InMemoryImageStore images = new();
    private readonly InMemoryStoredObjects objects = new();
    private readonly FakeTimeProvider clock = new(Samples.Start.AddHours(1));

    private DeleteImageHandler Handler => new(images, objects, clock);

    [Fact]
    public async Task HandleAsync_LabeledImageOfTheFeed_DeletesTheBytesAndLeavesATombstoneWithoutLabels()
    {
        var record = Samples.Record(ImageStatus.Labeled) with { Labels = [Samples.Cat] };
        await images.CreateAsync(record, default);

        var outcome = await Handler.HandleAsync(Samples.FeedId, record.ImageId, default);

        outcome.ShouldBe(DeleteOutcome.Deleted);
        objects.Deleted.ShouldBe([record.ObjectKey]);
        var tombstone = images[record.ImageId]!;
        tombstone.Status.ShouldBe(ImageStatus.Deleted);
        tombstone.Labels.ShouldBeEmpty();
        tombstone.UpdatedAt.ShouldBe(clock.GetUtcNow());
        (await new GetImageHandler(images).HandleAsync(record.ImageId, default)).ShouldBeNull();
    }

    [Fact]
    public async Task HandleAsync_ImageOfAnotherFeed_IsNotFoundAndLeavesItAlone()
    {
        var record = Samples.Record(ImageStatus.Labeled, feedId: Samples.OtherFeedId);
        await images.CreateAsync(record, default);

        var outcome = await Handler.HandleAsync(Samples.FeedId, record.ImageId, default);

        outcome.ShouldBe(DeleteOutcome.NotFound);
        objects.Deleted.ShouldBeEmpty();
        images[record.ImageId]!.Status.ShouldBe(ImageStatus.Labeled);
    }

    [Fact]
    public async Task HandleAsync_AlreadyDeleted_IsNotFound()
    {
        var record = Samples.Record(ImageStatus.Failed);
        await images.CreateAsync(record, default);
        await Handler.HandleAsync(Samples.FeedId, record.ImageId, default);

        (await Handler.HandleAsync(Samples.FeedId, record.ImageId, default)).ShouldBe(DeleteOutcome.NotFound);
        images.Writes.Count(write => write.Status == ImageStatus.Deleted).ShouldBe(1);
    }

    [Fact]
    public async Task HandleAsync_MalformedFeedId_IsInvalidFeedId() =>
        (await Handler.HandleAsync("../x", ImageIds.New(), default)).ShouldBe(DeleteOutcome.InvalidFeedId);

    [Fact]
    public void NotifyResultHandler_LabeledToDeleted_IsNoEmail() =>
        NotifyResultHandler.IsResultTransition(Samples.Record(ImageStatus.Labeled), Samples.Record(ImageStatus.Deleted)).ShouldBeFalse();

    [Theory]
    [InlineData(ImageStatus.Uploading)]
    [InlineData(ImageStatus.Processing)]
    [InlineData(ImageStatus.Labeled)]
    [InlineData(ImageStatus.Failed)]
    public void StatusMachine_AnyStatusToDeleted_MovesAndNeverBack(ImageStatus from)
    {
        StatusMachine.CanMove(from, ImageStatus.Deleted).ShouldBeTrue();
        StatusMachine.CanMove(ImageStatus.Deleted, from).ShouldBeFalse();
    }
}
