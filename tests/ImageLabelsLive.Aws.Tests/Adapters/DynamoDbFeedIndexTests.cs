using Amazon.DynamoDBv2.Model;
using ImageLabelsLive.Aws.DynamoDb;
using ImageLabelsLive.Aws.FeedIndex;
using ImageLabelsLive.Core.FeedLabels;
using ImageLabelsLive.Core.Images;
using ImageLabelsLive.Core.Ports;

namespace ImageLabelsLive.Aws.Tests.Adapters;

/// <summary>
/// The feed index on a real DynamoDB implementation (dynalite), with the FeedIndex table as the CDK app declares it:
/// the writer the stream consumer uses (<see cref="DynamoDbFeedIndex"/>) and the reads the API makes of it
/// (<see cref="DynamoDbFeedQueries"/>) over records in the Images table.
/// </summary>
[Collection(DynaliteGroup.Name)]
public class DynamoDbFeedIndexTests(DynamoDbTables tables)
{
    private const string Table = "ill-feed-index";
    private static readonly Label Dog = new("Dog", 91, ["Animal"], []);
    private static readonly Label Cat = new("Cat", 88, ["Animal"], []);

    private readonly string feedId = TestIds.Feed();
    private readonly DynamoDbImageStore images = new(tables.Client, DynamoDbTables.ImagesTable);

    private async Task<(DynamoDbFeedIndex Index, DynamoDbFeedQueries Queries)> FeedIndexAsync()
    {
        try
        {
            var create = TableSchemas.FeedIndex(Table).Create;
            create.StreamSpecification = null;
            await tables.Client.CreateTableAsync(create);
            while ((await tables.Client.DescribeTableAsync(Table)).Table.TableStatus != Amazon.DynamoDBv2.TableStatus.ACTIVE)
            {
                await Task.Delay(20);
            }
        }
        catch (ResourceInUseException)
        {
            // Another test created it.
        }
        return (new DynamoDbFeedIndex(tables.Client, Table), new DynamoDbFeedQueries(tables.Client, DynamoDbTables.ImagesTable, Table));
    }

    /// <summary>A labeled record in the Images table, created <paramref name="minute"/> minutes after the samples' start.</summary>
    private async Task<ImageRecord> LabeledAsync(int minute, params Label[] labels)
    {
        var at = ImageSamples.Start.AddMinutes(minute);
        var record = ImageSamples.Uploading(feedId, at) with { Status = ImageStatus.Labeled, Labels = labels };
        await images.CreateAsync(record, default);
        return record;
    }

    private static FeedPosition Position(ImageRecord record) => new(record.CreatedAt, record.ImageId);

    private static long CountOf(FeedLabelCounts counts, string label) => counts.Labels.SingleOrDefault(l => l.Name == label)?.Count ?? 0;

    [Fact]
    public async Task SetMembershipAsync_SameChangeTwice_CountsMoveOnce()
    {
        var (index, queries) = await FeedIndexAsync();
        var dog = await LabeledAsync(0, Dog);

        await index.SetMembershipAsync(feedId, FeedSet.Label("Dog"), Position(dog), true, default);
        await index.SetMembershipAsync(feedId, FeedSet.Label("Dog"), Position(dog), true, default);
        await index.SetMembershipAsync(feedId, FeedSet.Images, Position(dog), true, default);
        CountOf(await queries.CountLabelsAsync(feedId, default), "Dog").ShouldBe(1);
        (await queries.CountLabelsAsync(feedId, default)).Images.ShouldBe(1);

        await index.SetMembershipAsync(feedId, FeedSet.Label("Dog"), Position(dog), false, default);
        await index.SetMembershipAsync(feedId, FeedSet.Label("Dog"), Position(dog), false, default);
        CountOf(await queries.CountLabelsAsync(feedId, default), "Dog").ShouldBe(0);
    }

    [Fact]
    public async Task MarkIndexedThroughAsync_OlderMarkAfterANewerOne_KeepsTheNewer()
    {
        var (index, queries) = await FeedIndexAsync();
        (await queries.CountLabelsAsync(feedId, default)).IndexedThrough.ShouldBeNull();

        await index.MarkIndexedThroughAsync(feedId, ImageSamples.Start.AddMinutes(5), default);
        await index.MarkIndexedThroughAsync(feedId, ImageSamples.Start.AddMinutes(2), default);

        (await queries.CountLabelsAsync(feedId, default)).IndexedThrough.ShouldBe(ImageSamples.Start.AddMinutes(5));
    }

    [Fact]
    public async Task ListWithLabelAsync_PagesOfTwo_EveryMatchingRecordOnceNewestFirst()
    {
        var (index, queries) = await FeedIndexAsync();
        var dogs = new List<ImageRecord>();
        for (var minute = 0; minute < 5; minute++)
        {
            var dog = await LabeledAsync(minute, Dog, Cat);
            await index.SetMembershipAsync(feedId, FeedSet.Label("Dog"), Position(dog), true, default);
            dogs.Add(dog);
        }
        // A member the record no longer carries (the index trails the table): the record has the last word.
        var relabeled = await LabeledAsync(10, Cat);
        await index.SetMembershipAsync(feedId, FeedSet.Label("Dog"), Position(relabeled), true, default);

        var seen = new List<string>();
        FeedPosition? after = null;
        do
        {
            var page = await queries.ListWithLabelAsync(feedId, LabelNames.Normalize("Dog"), 2, after, record => record.Labels.Any(l => l.Name == "Dog"), default);
            page.Images.Count.ShouldBeLessThanOrEqualTo(2);
            seen.AddRange(page.Images.Select(record => record.ImageId));
            after = page.Next;
        }
        while (after is not null);

        seen.ShouldBe(dogs.AsEnumerable().Reverse().Select(record => record.ImageId).ToArray());
    }

    [Fact]
    public async Task ListChangedAsync_AnEntryOlderThanItsRecord_TheRecordAppearsOnceAtItsLatestChange()
    {
        var (index, queries) = await FeedIndexAsync();
        var first = await LabeledAsync(0, Dog);
        var second = await LabeledAsync(1, Cat);
        await index.RecordChangeAsync(feedId, first.ImageId, new FeedPosition(first.UpdatedAt, first.ImageId), [], default);
        // The second record's stale entry stays (its change was logged before the newer one was read)...
        await index.RecordChangeAsync(feedId, second.ImageId, new FeedPosition(second.UpdatedAt.AddSeconds(-30), second.ImageId), [], default);
        await index.RecordChangeAsync(feedId, second.ImageId, new FeedPosition(second.UpdatedAt, second.ImageId), [], default);

        var page = await queries.ListChangedAsync(feedId, ImageSamples.Start.AddMinutes(-1), 10, null, default);

        // ... and is skipped: each record once, oldest change first.
        page.Images.Select(record => record.ImageId).ShouldBe([first.ImageId, second.ImageId]);
        page.Next.ShouldBeNull();
        (await queries.ListChangedAsync(feedId, second.UpdatedAt, 10, null, default)).Images.Select(record => record.ImageId).ShouldBe([second.ImageId]);
    }

    [Fact]
    public async Task FindBySha256Async_AMemberOfTheSet_ReturnsItsRecordAndNothingForOtherBytes()
    {
        var (index, queries) = await FeedIndexAsync();
        var sha256 = Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(Guid.NewGuid().ToByteArray()));
        var record = ImageSamples.Uploading(feedId) with { Sha256 = sha256 };
        await images.CreateAsync(record, default);
        await index.SetMembershipAsync(feedId, FeedSet.Sha256(sha256), Position(record), true, default);

        (await queries.FindBySha256Async(feedId, sha256, default)).Select(found => found.ImageId).ShouldBe([record.ImageId]);
        var other = Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(Guid.NewGuid().ToByteArray()));
        (await queries.FindBySha256Async(feedId, other, default)).ShouldBeEmpty();
    }
}
