using System.Text.Json;
using ImageLabelsLive.Core.Feeds;
using ImageLabelsLive.Core.Images;
using ImageLabelsLive.Core.PushResults;
using ImageLabelsLive.Testing.Fakes;

namespace ImageLabelsLive.Core.Tests.Images;

public class ImageLinksTests
{
    private readonly ImageLinks links = new(new FixedSigner(), new FakeTimeProvider(Samples.Start), TimeSpan.FromHours(1));

    [Theory]
    [InlineData(ImageStatus.Processing)]
    [InlineData(ImageStatus.Labeled)]
    public void WithLink_BytesKnownToBeAnImage_AddsPresignedGetOfItsKey(ImageStatus status)
    {
        var record = Samples.Record(status);

        var linked = links.WithLink(record);

        linked.ImageUrl!.AbsolutePath.ShouldBe("/" + record.ObjectKey);
        linked.ImageUrl.Query.ShouldContain($"expires={Samples.Start.AddHours(1).ToUnixTimeSeconds()}");
        linked.ShouldBe(record with { ImageUrl = linked.ImageUrl });
    }

    [Theory]
    [InlineData(ImageStatus.Uploading)]
    [InlineData(ImageStatus.Failed)]
    public void WithLink_NoBytesOrNotAnImage_AddsNothing(ImageStatus status) =>
        links.WithLink(Samples.Record(status)).ImageUrl.ShouldBeNull();

    [Fact]
    public void WithLink_None_AddsNothing() =>
        ImageLinks.None.WithLink(Samples.Record(ImageStatus.Labeled)).ImageUrl.ShouldBeNull();

    [Fact]
    public async Task Handlers_WithLinks_ReturnAndPushLinkedRecords()
    {
        var images = new InMemoryImageStore();
        var record = Samples.Record(ImageStatus.Labeled);
        await images.CreateAsync(record, default);
        var connections = new InMemoryConnectionStore();
        connections.Add("tab", Samples.FeedId);
        var messenger = new RecordingMessenger();

        var (list, _) = await new ListFeedImagesHandler(new InMemoryFeedQueries(images), links).HandleAsync(ImageLabelsLive.Core.FeedHistory.ListFeedImagesQuery.Newest(Samples.FeedId), default);
        var one = await new GetImageHandler(images, links).HandleAsync(record.ImageId, default);
        await new PushResultsHandler(connections, messenger, 4, links).HandleAsync(record, default);

        list!.Images.ShouldHaveSingleItem().ImageUrl.ShouldNotBeNull();
        one!.ImageUrl.ShouldNotBeNull();
        using var pushed = JsonDocument.Parse(messenger.Received["tab"].Single());
        pushed.RootElement.GetProperty("image").GetProperty("imageUrl").GetString()!.ShouldStartWith("https://bucket.example/uploads/");
        images[record.ImageId]!.ImageUrl.ShouldBeNull();
    }
}
