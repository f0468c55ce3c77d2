using ImageLabelsLive.Core.FeedHistory;
using ImageLabelsLive.Core.Feeds;
using ImageLabelsLive.Testing.Fakes;

namespace ImageLabelsLive.Core.Tests.Feeds;

public class FeedQueryHandlersTests
{
    private readonly InMemoryImageStore images = new();

    [Fact]
    public async Task ListFeedImages_SeveralImages_NewestFirstOfThatFeedOnly()
    {
        var older = Samples.Record();
        var newer = Samples.Record() with { CreatedAt = Samples.Start.AddMinutes(1) };
        await images.CreateAsync(older, default);
        await images.CreateAsync(newer, default);
        await images.CreateAsync(Samples.Record(feedId: Samples.OtherFeedId), default);

        var (list, error) = await new ListFeedImagesHandler(new InMemoryFeedQueries(images)).HandleAsync(ListFeedImagesQuery.Newest(Samples.FeedId), default);

        error.ShouldBeNull();
        list!.Images.Select(image => image.ImageId).ShouldBe([newer.ImageId, older.ImageId]);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("101")]
    [InlineData("-1")]
    [InlineData("ten")]
    [InlineData("1e2")]
    public async Task ListFeedImages_BadLimit_IsInvalidLimit(string limit)
    {
        var (list, error) = await new ListFeedImagesHandler(new InMemoryFeedQueries(images)).HandleAsync(ListFeedImagesQuery.Newest(Samples.FeedId, limit), default);

        list.ShouldBeNull();
        error!.Code.ShouldBe("InvalidLimit");
    }

    [Fact]
    public async Task ListFeedImages_LimitOne_ReturnsOne()
    {
        await images.CreateAsync(Samples.Record(), default);
        await images.CreateAsync(Samples.Record(), default);

        var (list, _) = await new ListFeedImagesHandler(new InMemoryFeedQueries(images)).HandleAsync(ListFeedImagesQuery.Newest(Samples.FeedId, "1"), default);

        list!.Images.Count.ShouldBe(1);
    }

    [Fact]
    public async Task GetImage_UnknownOrMalformedId_IsNull()
    {
        var handler = new GetImageHandler(images);

        (await handler.HandleAsync("0123456789abcdef0123456789abcdef", default)).ShouldBeNull();
        (await handler.HandleAsync("../../etc", default)).ShouldBeNull();
    }

    [Fact]
    public async Task GetImage_KnownId_ReturnsRecord()
    {
        var record = Samples.Record();
        await images.CreateAsync(record, default);

        (await new GetImageHandler(images).HandleAsync(record.ImageId, default)).ShouldBe(record);
    }
}
