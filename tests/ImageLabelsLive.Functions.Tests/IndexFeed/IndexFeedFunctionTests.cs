using ImageLabelsLive.Core.FeedIndexing;
using ImageLabelsLive.Core.Images;
using ImageLabelsLive.Core.Ports;
using ImageLabelsLive.Functions.IndexFeed;
using ImageLabelsLive.Testing.Fakes;

namespace ImageLabelsLive.Functions.Tests.IndexFeed;

public class IndexFeedFunctionTests
{
    private readonly InMemoryImageStore images = new();
    private readonly InMemoryFeedIndex index = new();

    private IndexFeedFunction Function() => new(new IndexFeedHandler(images, index));

    /// <summary>An image written through to labeled (the table's current record), and each step of the way.</summary>
    private async Task<(ImageRecord Uploading, ImageRecord Processing, ImageRecord Labeled)> LabeledImageAsync(ImageRecord? start = null)
    {
        var uploading = start ?? Samples.Record();
        var processing = uploading.StartProcessing(uploading.UpdatedAt.AddSeconds(1));
        var labeled = processing.Record.Label([Samples.Cat], uploading.UpdatedAt.AddSeconds(2));
        await images.CreateAsync(uploading, default);
        (await images.TryWriteAsync(processing, default)).ShouldBeTrue();
        (await images.TryWriteAsync(labeled, default)).ShouldBeTrue();
        return (uploading, processing.Record, labeled.Record);
    }

    private static FeedPosition MemberOf(ImageRecord record) => new(record.CreatedAt, record.ImageId);

    [Fact]
    public async Task HandleAsync_InsertAndModifies_IndexesTheImageAsItIsNow()
    {
        var cat = await LabeledImageAsync();

        var response = await Function().HandleAsync(StreamEvents.Typed(
            StreamEvents.Insert("100", cat.Uploading),
            StreamEvents.Modify("200", cat.Uploading, cat.Processing),
            StreamEvents.Modify("300", cat.Processing, cat.Labeled)), default);

        response.BatchItemFailures.ShouldNotBeNull().ShouldBeEmpty();
        index.Members(Samples.FeedId, FeedSet.Label("Cat")).ShouldBe([MemberOf(cat.Uploading)]);
        index.Count(Samples.FeedId, FeedSet.Label("Cat")).ShouldBe(1);
        index.Count(Samples.FeedId, FeedSet.Images).ShouldBe(1);
        index.Changes(Samples.FeedId).ShouldBe([new FeedPosition(cat.Labeled.UpdatedAt, cat.Labeled.ImageId)]);
        index.IndexedThrough(Samples.FeedId).ShouldBe(cat.Labeled.UpdatedAt);
    }

    [Fact]
    public async Task HandleAsync_SameBatchDeliveredTwice_CountsOnce()
    {
        var cat = await LabeledImageAsync();
        var streamEvent = StreamEvents.Event(StreamEvents.Insert("100", cat.Uploading), StreamEvents.Modify("300", cat.Processing, cat.Labeled));

        var first = await LambdaInvocation.InvokeAsync(Function().HandleAsync, streamEvent);
        var second = await LambdaInvocation.InvokeAsync(Function().HandleAsync, streamEvent);

        first.ToJsonString().ShouldBe("""{"batchItemFailures":[]}""");
        second.ToJsonString().ShouldBe("""{"batchItemFailures":[]}""");
        index.Count(Samples.FeedId, FeedSet.Label("Cat")).ShouldBe(1);
        index.Count(Samples.FeedId, FeedSet.Images).ShouldBe(1);
    }

    [Fact]
    public async Task HandleAsync_RemoveOfAnExpiredTombstone_LeavesTheImageOutAndForgetsItsChange()
    {
        // The table no longer has the item: the stream's REMOVE carries only the old image.
        var tombstone = Samples.Record(ImageStatus.Deleted) with { UpdatedAt = Samples.Start.AddDays(7) };

        var response = await Function().HandleAsync(StreamEvents.Typed(StreamEvents.Remove("900", tombstone)), default);

        response.BatchItemFailures.ShouldBeEmpty();
        index.Count(Samples.FeedId, FeedSet.Images).ShouldBe(0);
        index.Changes(Samples.FeedId).ShouldBeEmpty();
        index.IndexedThrough(Samples.FeedId).ShouldBe(tombstone.UpdatedAt);
    }

    [Fact]
    public async Task HandleAsync_IndexFails_ReportsThatRecordAloneAndStopsThere()
    {
        var first = await LabeledImageAsync();
        var broken = await LabeledImageAsync();
        var third = await LabeledImageAsync();
        index.FailingImages.Add(broken.Uploading.ImageId);

        var response = await Function().HandleAsync(StreamEvents.Typed(
            StreamEvents.Modify("100", first.Processing, first.Labeled),
            StreamEvents.Modify("200", broken.Processing, broken.Labeled),
            StreamEvents.Modify("300", third.Processing, third.Labeled)), default);

        response.BatchItemFailures!.ShouldHaveSingleItem().ItemIdentifier.ShouldBe("200");
        index.Members(Samples.FeedId, FeedSet.Images).ShouldBe([MemberOf(first.Uploading)]);
    }

    [Fact]
    public async Task HandleAsync_PoisonRecord_IsReportedAndLaterRecordsWait()
    {
        var cat = await LabeledImageAsync();
        var later = await LabeledImageAsync();
        var poison = StreamEvents.Item(cat.Labeled);
        poison.Remove("imageId");

        var response = await Function().HandleAsync(StreamEvents.Typed(
            new ImageStreamChange("MODIFY", "8", StreamEvents.Item(cat.Processing), poison),
            StreamEvents.Modify("9", later.Processing, later.Labeled)), default);

        response.BatchItemFailures!.ShouldHaveSingleItem().ItemIdentifier.ShouldBe("8");
        index.Count(Samples.FeedId, FeedSet.Images).ShouldBe(0);
        index.IndexedThrough(Samples.FeedId).ShouldBeNull();
    }

    [Fact]
    public async Task HandleAsync_StreamEntryPointWithFailure_AnswersBatchItemFailuresByItemIdentifier()
    {
        var cat = await LabeledImageAsync();
        index.FailingImages.Add(cat.Uploading.ImageId);

        var response = await LambdaInvocation.InvokeAsync(Function().HandleAsync, StreamEvents.Event(StreamEvents.Modify("4421584500000000017450439091", cat.Processing, cat.Labeled)));

        response.ToJsonString().ShouldBe("""{"batchItemFailures":[{"itemIdentifier":"4421584500000000017450439091"}]}""");
    }

    [SharedFact]
    public async Task HandleAsync_SharedStreamEventCarryingImages_IndexesTheLabeledImage()
    {
        var cat = await LabeledImageAsync();
        var lambdaEvent = StreamEvents.SharedWithImages(
            "sam-cli_dynamodb-update.json",
            (null, StreamEvents.Item(cat.Uploading)),
            (StreamEvents.Item(cat.Processing), StreamEvents.Item(cat.Labeled)),
            (StreamEvents.Item(cat.Uploading), StreamEvents.Item(cat.Processing)));

        var response = await LambdaInvocation.InvokeAsync(Function().HandleAsync, lambdaEvent);

        response["batchItemFailures"]!.AsArray().ShouldBeEmpty();
        index.Count(Samples.FeedId, FeedSet.Label("Cat")).ShouldBe(1);
        index.Count(Samples.FeedId, FeedSet.Images).ShouldBe(1);
    }
}
