using ImageLabelsLive.Core.FeedHistory;
using ImageLabelsLive.Core.Feeds;
using ImageLabelsLive.Core.Images;
using ImageLabelsLive.Testing.Fakes;

namespace ImageLabelsLive.Core.Tests.FeedHistory;

public class ListFeedImagesHandlerTests
{
    private static readonly Label Dog = new("Dog", 88.04, ["Pet", "Animal"], []);
    private static readonly Label Person = new("Person", 97.5, [], []);

    private readonly InMemoryImageStore images = new();
    private readonly InMemoryFeedQueries feeds;
    private readonly ListFeedImagesHandler handler;

    public ListFeedImagesHandlerTests()
    {
        feeds = new InMemoryFeedQueries(images);
        handler = new ListFeedImagesHandler(feeds);
    }

    private async Task<ImageRecord> AddAsync(int second, ImageStatus status = ImageStatus.Uploading, params Label[] labels)
    {
        var at = Samples.Start.AddSeconds(second);
        var record = Samples.Record(status) with { CreatedAt = at, UpdatedAt = at, Labels = labels };
        await images.CreateAsync(record, default);
        return record;
    }

    private async Task<List<string>> AllPagesAsync(ListFeedImagesQuery query)
    {
        var seen = new List<string>();
        string? cursor = null;
        do
        {
            var (page, error) = await handler.HandleAsync(query with { Cursor = cursor }, default);
            error.ShouldBeNull();
            seen.AddRange(page!.Images.Select(image => image.ImageId));
            cursor = page.NextCursor;
        }
        while (cursor is not null);
        return seen;
    }

    [Fact]
    public async Task HandleAsync_130ImagesInPagesOf50_ReachesEveryImageOnceNewestFirst()
    {
        var added = new List<ImageRecord>();
        for (var i = 0; i < 130; i++)
        {
            added.Add(await AddAsync(i % 40));
        }

        var seen = await AllPagesAsync(ListFeedImagesQuery.Newest(Samples.FeedId, "50"));

        seen.ShouldBe(added.OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.ImageId, StringComparer.Ordinal).Select(r => r.ImageId));
    }

    [Fact]
    public async Task HandleAsync_TwoLabels_ReturnsOnlyImagesCarryingBothAndDrivesTheRarerLabel()
    {
        var both = await AddAsync(1, ImageStatus.Labeled, Dog, Person);
        await AddAsync(2, ImageStatus.Labeled, Person);
        await AddAsync(3, ImageStatus.Labeled, Person);
        await AddAsync(4, ImageStatus.Labeled, Dog);

        var (page, error) = await handler.HandleAsync(new ListFeedImagesQuery(Samples.FeedId, null, null, ["person", "DOG"], null), default);

        error.ShouldBeNull();
        page!.Images.ShouldHaveSingleItem().ImageId.ShouldBe(both.ImageId);
        page.NextCursor.ShouldBeNull();
        feeds.LabelQueries.ShouldBe(["DOG"]);
    }

    [Fact]
    public async Task HandleAsync_LabelNoImageCarries_ReturnsAnEmptyLastPage()
    {
        await AddAsync(1, ImageStatus.Labeled, Dog);

        var (page, _) = await handler.HandleAsync(new ListFeedImagesQuery(Samples.FeedId, null, null, ["Dog", "Giraffe"], null), default);

        page!.Images.ShouldBeEmpty();
        page.NextCursor.ShouldBeNull();
    }

    [Fact]
    public async Task HandleAsync_DeletedImage_IsLeftOutOfTheListingButInChangedSince()
    {
        var kept = await AddAsync(1);
        var gone = await AddAsync(2, ImageStatus.Labeled, Dog);
        await images.TryWriteAsync(gone.Delete(Samples.Start.AddMinutes(5)), default);

        var (listing, _) = await handler.HandleAsync(ListFeedImagesQuery.Newest(Samples.FeedId), default);
        var (changes, _) = await handler.HandleAsync(new ListFeedImagesQuery(Samples.FeedId, null, null, [], "2026-11-21T09:01:00Z"), default);

        listing!.Images.Select(image => image.ImageId).ShouldBe([kept.ImageId]);
        var deleted = changes!.Images.ShouldHaveSingleItem();
        deleted.Status.ShouldBe(ImageStatus.Deleted);
        deleted.Labels.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("yesterday")]
    [InlineData("12")]
    [InlineData("2026-13-40T00:00:00Z")]
    public async Task HandleAsync_ChangedSinceNotATime_IsInvalidChangedSince(string since)
    {
        var (page, error) = await handler.HandleAsync(new ListFeedImagesQuery(Samples.FeedId, null, null, [], since), default);

        page.ShouldBeNull();
        error!.Code.ShouldBe("InvalidChangedSince");
    }

    [Fact]
    public async Task HandleAsync_LabelOver100Characters_IsInvalidLabel()
    {
        var (_, error) = await handler.HandleAsync(new ListFeedImagesQuery(Samples.FeedId, null, null, [new string('a', 101)], null), default);

        error!.Code.ShouldBe("InvalidLabel");
        error.Message.ShouldContain("100");
    }

    [Fact]
    public async Task HandleAsync_ElevenLabels_IsTooManyLabels()
    {
        var (_, error) = await handler.HandleAsync(new ListFeedImagesQuery(Samples.FeedId, null, null, Enumerable.Range(0, 11).Select(i => $"L{i}").ToArray(), null), default);

        error!.Code.ShouldBe("TooManyLabels");
    }

    [Fact]
    public async Task HandleAsync_CursorFromTheUnfilteredListingWithALabel_IsInvalidCursor()
    {
        for (var i = 0; i < 3; i++)
        {
            await AddAsync(i, ImageStatus.Labeled, Dog);
        }
        var (first, _) = await handler.HandleAsync(ListFeedImagesQuery.Newest(Samples.FeedId, "1"), default);

        var (page, error) = await handler.HandleAsync(new ListFeedImagesQuery(Samples.FeedId, "1", first!.NextCursor, ["Dog"], null), default);

        page.ShouldBeNull();
        error!.Code.ShouldBe("InvalidCursor");
    }
}
