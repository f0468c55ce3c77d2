using ImageLabelsLive.Core.FeedIndexing;
using ImageLabelsLive.Core.Images;
using ImageLabelsLive.Core.Ports;
using ImageLabelsLive.Core.Sweeping;
using ImageLabelsLive.Testing.Fakes;

namespace ImageLabelsLive.Core.Tests.FeedIndexing;

public class IndexFeedHandlerTests
{
    private const string Sha = "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=";
    private static readonly Label Dog = new("Dog", 88, ["Animal"], []);

    private readonly InMemoryImageStore images = new();
    private readonly InMemoryFeedIndex index = new();

    // One image's life as the Images table writes it.
    private readonly ImageRecord uploading = Samples.Record() with { Sha256 = Sha };

    private ImageRecord Processing => uploading.StartProcessing(Samples.Start.AddSeconds(1)).Record;

    private ImageRecord Labeled => Processing.Label([Samples.Cat, Dog], Samples.Start.AddSeconds(2)).Record;

    private ImageRecord Deleted => Labeled.Delete(Samples.Start.AddSeconds(3)).Record;

    /// <summary>Where the image sits in every set: its (createdAt, imageId).</summary>
    private FeedPosition Member => new(uploading.CreatedAt, uploading.ImageId);

    private static FeedPosition ChangeOf(ImageRecord record) => new(record.UpdatedAt, record.ImageId);

    private IndexFeedHandler Handler => new(images, index);

    private Task IndexAsync(ImageRecord? oldImage, ImageRecord? newImage) => Handler.HandleAsync(oldImage, newImage, default);

    /// <summary>Writes the record as the table's current one (created, or overwritten whatever its status).</summary>
    private async Task StoreAsync(ImageRecord record)
    {
        if (images[record.ImageId] is { } stored)
        {
            (await images.TryWriteAsync(new StatusTransition(record, stored.Status, IsWriteNeeded: true), default)).ShouldBeTrue();
        }
        else
        {
            await images.CreateAsync(record, default);
        }
    }

    /// <summary>Each step is written, then its stream record indexed, in order: the index as it is when the stream keeps up.</summary>
    private async Task LiveAsync(params ImageRecord[] steps)
    {
        ImageRecord? before = null;
        foreach (var step in steps)
        {
            await StoreAsync(step);
            await IndexAsync(before, step);
            before = step;
        }
    }

    private void ShouldBeInNoSet()
    {
        index.Members(Samples.FeedId, FeedSet.Label("Cat")).ShouldBeEmpty();
        index.Members(Samples.FeedId, FeedSet.Label("Dog")).ShouldBeEmpty();
        index.Members(Samples.FeedId, FeedSet.Images).ShouldBeEmpty();
        index.Members(Samples.FeedId, FeedSet.Sha256(Sha)).ShouldBeEmpty();
        index.Count(Samples.FeedId, FeedSet.Label("Cat")).ShouldBe(0);
        index.Count(Samples.FeedId, FeedSet.Label("Dog")).ShouldBe(0);
        index.Count(Samples.FeedId, FeedSet.Images).ShouldBe(0);
    }

    [Fact]
    public async Task HandleAsync_LabeledRecord_AddsItsLabelsAndTheImageWithCounts()
    {
        await LiveAsync(uploading, Processing, Labeled);

        index.Members(Samples.FeedId, FeedSet.Label("Cat")).ShouldBe([Member]);
        index.Members(Samples.FeedId, FeedSet.Label("Dog")).ShouldBe([Member]);
        index.Count(Samples.FeedId, FeedSet.Label("Cat")).ShouldBe(1);
        index.Count(Samples.FeedId, FeedSet.Label("Dog")).ShouldBe(1);
        index.DisplayName(Samples.FeedId, FeedSet.Label("cat")).ShouldBe("Cat");
        index.Members(Samples.FeedId, FeedSet.Images).ShouldBe([Member]);
        index.Count(Samples.FeedId, FeedSet.Images).ShouldBe(1);
        index.Members(Samples.FeedId, FeedSet.Sha256(Sha)).ShouldBe([Member]);
        index.Count(Samples.OtherFeedId, FeedSet.Images).ShouldBe(0);
    }

    [Fact]
    public async Task HandleAsync_UnlabeledRecord_CountsTheImageButNoLabel()
    {
        await LiveAsync(uploading, Processing);

        index.Count(Samples.FeedId, FeedSet.Images).ShouldBe(1);
        index.Count(Samples.FeedId, FeedSet.Label("Cat")).ShouldBe(0);
    }

    [Fact]
    public async Task HandleAsync_TwoImagesSharingALabelWrittenInAnotherCase_CountsItTwiceUnderOneSet()
    {
        var other = Samples.Record();
        var otherLabeled = other.StartProcessing(Samples.Start.AddSeconds(5)).Record
            .Label([Samples.Cat with { Name = "cat" }], Samples.Start.AddSeconds(6)).Record;

        await LiveAsync(uploading, Processing, Labeled);
        await LiveAsync(other, otherLabeled);

        index.Count(Samples.FeedId, FeedSet.Label("Cat")).ShouldBe(2);
        index.Count(Samples.FeedId, FeedSet.Label("Dog")).ShouldBe(1);
        index.Count(Samples.FeedId, FeedSet.Images).ShouldBe(2);
        index.DisplayName(Samples.FeedId, FeedSet.Label("Cat")).ShouldBe("Cat");
    }

    [Fact]
    public async Task HandleAsync_Relabeled_RemovesTheDroppedLabelAndKeepsTheRest()
    {
        await LiveAsync(uploading, Processing, Labeled);
        var relabeled = Labeled with { Labels = [Samples.Cat], UpdatedAt = Samples.Start.AddSeconds(4) };
        await StoreAsync(relabeled);

        await IndexAsync(Labeled, relabeled);

        index.Members(Samples.FeedId, FeedSet.Label("Dog")).ShouldBeEmpty();
        index.Count(Samples.FeedId, FeedSet.Label("Dog")).ShouldBe(0);
        index.Members(Samples.FeedId, FeedSet.Label("Cat")).ShouldBe([Member]);
        index.Count(Samples.FeedId, FeedSet.Label("Cat")).ShouldBe(1);
        index.Count(Samples.FeedId, FeedSet.Images).ShouldBe(1);
        index.Changes(Samples.FeedId).ShouldBe([ChangeOf(relabeled)]);
    }

    [Fact]
    public async Task HandleAsync_StreamInOrder_ChangeLogKeepsOnlyTheLatestChange()
    {
        await LiveAsync(uploading, Processing, Labeled);

        index.Changes(Samples.FeedId).ShouldBe([ChangeOf(Labeled)]);
    }

    [Fact]
    public async Task HandleAsync_Deleted_LeavesEverySetAndTheChangeLogPointsAtTheDeletion()
    {
        await LiveAsync(uploading, Processing, Labeled, Deleted);

        ShouldBeInNoSet();
        index.Changes(Samples.FeedId).ShouldBe([ChangeOf(Deleted)]);
        index.IndexedThrough(Samples.FeedId).ShouldBe(Deleted.UpdatedAt);
    }

    [Fact]
    public async Task HandleAsync_TombstoneExpired_ForgetsItsChangeEntry()
    {
        await LiveAsync(uploading, Processing, Labeled, Deleted);
        // The tombstone's TTL removed the item: the table has no record of the image any more.
        var expired = new IndexFeedHandler(new InMemoryImageStore(), index);

        await expired.HandleAsync(Deleted, null, default);

        ShouldBeInNoSet();
        index.Changes(Samples.FeedId).ShouldBeEmpty();
        index.IndexedThrough(Samples.FeedId).ShouldBe(Deleted.UpdatedAt);
    }

    [Fact]
    public async Task HandleAsync_DuplicateRecord_CountsOnce()
    {
        await LiveAsync(uploading, Processing, Labeled);

        await IndexAsync(Processing, Labeled);
        await IndexAsync(null, uploading);

        index.Members(Samples.FeedId, FeedSet.Label("Cat")).ShouldBe([Member]);
        index.Count(Samples.FeedId, FeedSet.Label("Cat")).ShouldBe(1);
        index.Count(Samples.FeedId, FeedSet.Label("Dog")).ShouldBe(1);
        index.Count(Samples.FeedId, FeedSet.Images).ShouldBe(1);
        index.Changes(Samples.FeedId).ShouldBe([ChangeOf(Labeled)]);
    }

    [Fact]
    public async Task HandleAsync_OlderRecordReplayedAfterDeletion_DoesNotBringTheImageBack()
    {
        await LiveAsync(uploading, Processing, Labeled, Deleted);

        await IndexAsync(Processing, Labeled);
        await IndexAsync(null, uploading);

        ShouldBeInNoSet();
        index.Changes(Samples.FeedId).ShouldBe([ChangeOf(Deleted)]);
    }

    [Fact]
    public async Task HandleAsync_RecordsArriveLateAndOutOfOrder_ConvergeToTheCurrentRecord()
    {
        await StoreAsync(uploading);
        await StoreAsync(Processing);
        await StoreAsync(Labeled);

        await IndexAsync(Processing, Labeled);
        await IndexAsync(null, uploading);
        await IndexAsync(uploading, Processing);

        index.Count(Samples.FeedId, FeedSet.Label("Cat")).ShouldBe(1);
        index.Count(Samples.FeedId, FeedSet.Images).ShouldBe(1);
        index.Changes(Samples.FeedId).ShouldBe([ChangeOf(Labeled)]);
    }

    [Fact]
    public async Task HandleAsync_UploadFailed_ReleasesItsSha256AndKeepsTheImage()
    {
        await LiveAsync(uploading);
        index.Members(Samples.FeedId, FeedSet.Sha256(Sha)).ShouldBe([Member]);
        var failed = uploading.Fail(SweepStaleImagesHandler.UploadNotFinished(uploading), Samples.Start.AddMinutes(7)).Record;
        await StoreAsync(failed);

        await IndexAsync(uploading, failed);

        index.Members(Samples.FeedId, FeedSet.Sha256(Sha)).ShouldBeEmpty();
        index.Count(Samples.FeedId, FeedSet.Images).ShouldBe(1);
    }

    [Fact]
    public async Task HandleAsync_EachChangeInOrder_MarksIndexedThroughItsUpdatedAt()
    {
        await LiveAsync(uploading);
        index.IndexedThrough(Samples.FeedId).ShouldBe(uploading.UpdatedAt);
        await StoreAsync(Processing);

        await IndexAsync(uploading, Processing);

        index.IndexedThrough(Samples.FeedId).ShouldBe(Processing.UpdatedAt);
    }

    [Fact]
    public async Task HandleAsync_LateRecordOfAnImageChangedSince_MarksTheNewestChange()
    {
        await StoreAsync(uploading);
        await StoreAsync(Processing);
        await StoreAsync(Labeled);

        await IndexAsync(null, uploading);

        // The counts were reconciled to the labeled record, so they hold its change too.
        index.IndexedThrough(Samples.FeedId).ShouldBe(Labeled.UpdatedAt);
        index.Count(Samples.FeedId, FeedSet.Label("Cat")).ShouldBe(1);
    }

    [Fact]
    public async Task HandleAsync_OlderChangeOfAnotherImage_NeverMovesTheMarkBack()
    {
        await LiveAsync(uploading, Processing, Labeled);
        var older = Samples.Record() with { CreatedAt = Samples.Start.AddSeconds(-30), UpdatedAt = Samples.Start.AddSeconds(-30) };

        await LiveAsync(older);

        index.IndexedThrough(Samples.FeedId).ShouldBe(Labeled.UpdatedAt);
        index.Count(Samples.FeedId, FeedSet.Images).ShouldBe(2);
    }

    [Fact]
    public async Task HandleAsync_NoImageEitherSide_WritesNothing()
    {
        await IndexAsync(null, null);

        index.IndexedThrough(Samples.FeedId).ShouldBeNull();
        index.Changes(Samples.FeedId).ShouldBeEmpty();
        index.Count(Samples.FeedId, FeedSet.Images).ShouldBe(0);
    }
}
