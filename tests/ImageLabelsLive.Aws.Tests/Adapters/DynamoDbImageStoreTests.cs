using Amazon.DynamoDBv2.Model;
using ImageLabelsLive.Aws.DynamoDb;
using ImageLabelsLive.Core.Images;

namespace ImageLabelsLive.Aws.Tests.Adapters;

[Collection(DynaliteGroup.Name)]
public class DynamoDbImageStoreTests(DynamoDbTables tables)
{
    private readonly DynamoDbImageStore store = new(tables.Client, DynamoDbTables.ImagesTable);

    private static readonly DateTimeOffset Later = ImageSamples.Start.AddSeconds(2.5);

    [Fact]
    public async Task CreateAsync_ThenGetAsync_RoundTripsTheUploadingRecord()
    {
        var record = ImageSamples.Uploading();

        await store.CreateAsync(record, default);

        (await store.GetAsync(record.ImageId, default)).ShouldEqualRecord(record);
    }

    [Fact]
    public async Task CreateAsync_LabeledRecord_RoundTripsLabelsInstancesAndBoxesExactly()
    {
        var record = ImageSamples.Uploading() with { Status = ImageStatus.Labeled, Labels = ImageSamples.Labels, UpdatedAt = Later };

        await store.CreateAsync(record, default);

        var stored = await store.GetAsync(record.ImageId, default);
        stored.ShouldEqualRecord(record);
        stored!.Labels[0].Instances[1].BoundingBox.ShouldBe(new BoundingBox((double)0.1f, 3.5E-05, 0.999999, 1));
    }

    [Fact]
    public async Task CreateAsync_FailedRecord_RoundTripsTheError()
    {
        var record = ImageSamples.Uploading() with { Status = ImageStatus.Failed, Error = ImageSamples.Error };

        await store.CreateAsync(record, default);

        (await store.GetAsync(record.ImageId, default)).ShouldEqualRecord(record);
    }

    [Fact]
    public async Task CreateAsync_StoresTheDesignsAttributeTypes()
    {
        var record = ImageSamples.Uploading() with { Status = ImageStatus.Failed, Error = ImageSamples.Error };

        await store.CreateAsync(record, default);

        var item = (await tables.RawItemAsync(DynamoDbTables.ImagesTable, "imageId", record.ImageId)).ShouldNotBeNull();
        item.Keys.Order(StringComparer.Ordinal).ShouldBe(["contentType", "createdAt", "error", "feedId", "fileName", "imageId", "labels", "size", "status", "updatedAt"]);
        item["size"].N.ShouldBe("1234567");
        item["status"].S.ShouldBe("failed");
        item["createdAt"].S.ShouldBe("2026-11-21T09:00:00.123Z");
        item["labels"].L.ShouldBeEmpty();
        item["error"].M["code"].S.ShouldBe("NotAnImage");
    }

    [Fact]
    public async Task GetAsync_UnknownId_ReturnsNull()
    {
        (await store.GetAsync(ImageIds.New(), default)).ShouldBeNull();
    }

    [Fact]
    public async Task CreateAsync_SameIdTwice_FailsConditionallyAndKeepsTheFirst()
    {
        var first = ImageSamples.Uploading();
        await store.CreateAsync(first, default);

        await Should.ThrowAsync<ConditionalCheckFailedException>(() => store.CreateAsync(first with { FileName = "other.png" }, default));

        (await store.GetAsync(first.ImageId, default))!.FileName.ShouldBe(first.FileName);
    }

    [Fact]
    public async Task TryWriteAsync_ForwardMoves_SucceedAndStoreEachState()
    {
        var record = ImageSamples.Uploading();
        await store.CreateAsync(record, default);

        var processing = record.StartProcessing(ImageSamples.Start.AddSeconds(1));
        (await store.TryWriteAsync(processing, default)).ShouldBeTrue();
        (await store.GetAsync(record.ImageId, default)).ShouldEqualRecord(processing.Record);

        var labeled = processing.Record.Label(ImageSamples.Labels, Later);
        (await store.TryWriteAsync(labeled, default)).ShouldBeTrue();
        (await store.GetAsync(record.ImageId, default)).ShouldEqualRecord(labeled.Record);
    }

    [Fact]
    public async Task TryWriteAsync_ToFailed_StoresTheErrorAndKeepsTheUploadFields()
    {
        var record = ImageSamples.Uploading();
        await store.CreateAsync(record, default);

        var failed = record.Fail(ImageSamples.Error, Later);
        (await store.TryWriteAsync(failed, default)).ShouldBeTrue();

        var stored = await store.GetAsync(record.ImageId, default);
        stored.ShouldEqualRecord(failed.Record);
        stored!.CreatedAt.ShouldBe(record.CreatedAt);
    }

    [Fact]
    public async Task TryWriteAsync_ToLabeled_LeavesNoErrorAttribute()
    {
        var record = ImageSamples.Uploading();
        await store.CreateAsync(record, default);
        var processing = record.StartProcessing(Later);
        await store.TryWriteAsync(processing, default);

        await store.TryWriteAsync(processing.Record.Label([], Later), default);

        var item = (await tables.RawItemAsync(DynamoDbTables.ImagesTable, "imageId", record.ImageId))!;
        item.ContainsKey("error").ShouldBeFalse();
        item["status"].S.ShouldBe("labeled");
    }

    [Fact]
    public async Task TryWriteAsync_StaleExpectedStatus_ReturnsFalseAndChangesNothing()
    {
        var record = ImageSamples.Uploading();
        await store.CreateAsync(record, default);
        var processing = record.StartProcessing(ImageSamples.Start.AddSeconds(1));
        await store.TryWriteAsync(processing, default);
        var labeled = processing.Record.Label(ImageSamples.Labels, Later);
        await store.TryWriteAsync(labeled, default);

        // Two late writers: one still thinks it is uploading, one lost the race to label it.
        (await store.TryWriteAsync(record.StartProcessing(Later.AddSeconds(1)), default)).ShouldBeFalse();
        (await store.TryWriteAsync(processing.Record.Fail(ImageSamples.Error, Later.AddSeconds(2)), default)).ShouldBeFalse();

        (await store.GetAsync(record.ImageId, default)).ShouldEqualRecord(labeled.Record);
    }

    [Fact]
    public async Task TryWriteAsync_TransitionNotNeeded_ReturnsFalseWithoutWriting()
    {
        var record = ImageSamples.Uploading();
        await store.CreateAsync(record, default);

        (await store.TryWriteAsync(StatusTransition.Unchanged(record with { FileName = "changed.png" }), default)).ShouldBeFalse();

        (await store.GetAsync(record.ImageId, default)).ShouldEqualRecord(record);
    }

    [Fact]
    public async Task TryWriteAsync_MissingImage_ReturnsFalseAndCreatesNothing()
    {
        var record = ImageSamples.Uploading();

        (await store.TryWriteAsync(record.StartProcessing(Later), default)).ShouldBeFalse();

        (await tables.RawItemAsync(DynamoDbTables.ImagesTable, "imageId", record.ImageId)).ShouldBeNull();
    }

    [Fact]
    public async Task ListByFeedAsync_SeveralImages_ReturnsNewestFirstThroughTheIndexWithinLimit()
    {
        var feedId = TestIds.Feed();
        var createdAt = new[] { 3, 0, 4, 1, 2 }.Select(ms => ImageSamples.Start.AddMilliseconds(ms)).ToArray();
        var records = createdAt.Select(at => ImageSamples.Uploading(feedId, at)).ToArray();
        foreach (var record in records)
        {
            await store.CreateAsync(record, default);
        }
        await store.CreateAsync(ImageSamples.Uploading(createdAt: ImageSamples.Start.AddMinutes(5)), default);

        var newestThree = await store.ListByFeedAsync(feedId, 3, default);
        var all = await store.ListByFeedAsync(feedId, 100, default);

        var newestFirst = records.OrderByDescending(record => record.CreatedAt).Select(record => record.ImageId).ToArray();
        newestThree.Select(record => record.ImageId).ShouldBe(newestFirst[..3]);
        all.Select(record => record.ImageId).ShouldBe(newestFirst);
        all.ShouldAllBe(record => record.FeedId == feedId);
    }

    [Fact]
    public async Task ListByFeedAsync_ReturnsCompleteRecordsWithTheirLatestState()
    {
        var record = ImageSamples.Uploading();
        await store.CreateAsync(record, default);
        var processing = record.StartProcessing(Later);
        await store.TryWriteAsync(processing, default);
        var labeled = processing.Record.Label(ImageSamples.Labels, Later);
        await store.TryWriteAsync(labeled, default);

        var listed = (await store.ListByFeedAsync(record.FeedId, 10, default)).ShouldHaveSingleItem();

        listed.ShouldEqualRecord(labeled.Record);
    }

    [Fact]
    public async Task ListByFeedAsync_UnknownFeed_ReturnsEmpty()
    {
        (await store.ListByFeedAsync(TestIds.Feed(), 50, default)).ShouldBeEmpty();
    }

    [Fact]
    public async Task TryClaimNotificationAsync_Once_ThenRefusedUntilReleased()
    {
        var record = ImageSamples.Uploading() with { Status = ImageStatus.Labeled };
        await store.CreateAsync(record, default);

        (await store.TryClaimNotificationAsync(record.ImageId, Later, default)).ShouldBeTrue();
        (await store.TryClaimNotificationAsync(record.ImageId, Later.AddSeconds(1), default)).ShouldBeFalse();
        await store.ReleaseNotificationAsync(record.ImageId, default);
        (await store.TryClaimNotificationAsync(record.ImageId, Later.AddSeconds(2), default)).ShouldBeTrue();

        var item = (await tables.RawItemAsync(DynamoDbTables.ImagesTable, "imageId", record.ImageId))!;
        item[ImageItems.NotifiedAt].S.ShouldBe("2026-11-21T09:00:04.623Z");
    }

    [Fact]
    public async Task TryClaimNotificationAsync_LeavesTheRecordAsItWas()
    {
        var record = ImageSamples.Uploading() with { Status = ImageStatus.Labeled, Labels = ImageSamples.Labels };
        await store.CreateAsync(record, default);

        await store.TryClaimNotificationAsync(record.ImageId, Later, default);

        (await store.GetAsync(record.ImageId, default)).ShouldEqualRecord(record);
        (await store.ListByFeedAsync(record.FeedId, 5, default)).ShouldHaveSingleItem().ShouldEqualRecord(record);
    }

    [Fact]
    public async Task TryClaimNotificationAsync_MissingImage_ReturnsFalseAndCreatesNothing()
    {
        var imageId = ImageIds.New();

        (await store.TryClaimNotificationAsync(imageId, Later, default)).ShouldBeFalse();

        (await tables.RawItemAsync(DynamoDbTables.ImagesTable, "imageId", imageId)).ShouldBeNull();
    }

    [Fact]
    public async Task ReleaseNotificationAsync_MissingImage_CreatesNothing()
    {
        var imageId = ImageIds.New();

        await store.ReleaseNotificationAsync(imageId, default);

        // A stub item holding only the key would reach both stream consumers as a record they cannot read.
        (await tables.RawItemAsync(DynamoDbTables.ImagesTable, "imageId", imageId)).ShouldBeNull();
    }
}
