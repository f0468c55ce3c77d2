using ImageLabelsLive.Core.Images;
using ImageLabelsLive.Core.Uploads;
using ImageLabelsLive.Testing.Fakes;

namespace ImageLabelsLive.Core.Tests.Uploads;

public class CreateUploadHandlerTests
{
    private readonly InMemoryImageStore images = new();
    private readonly FakeTimeProvider clock = new(Samples.Start);

    private CreateUploadHandler Handler => new(images, new FixedSigner(), clock, TimeSpan.FromMinutes(5));

    [Fact]
    public async Task HandleAsync_ValidRequest_WritesUploadingRecordAndSignsItsKey()
    {
        var (upload, error) = await Handler.HandleAsync(new CreateUploadCommand(Samples.FeedId, "my\u202Ecat.PNG", "image/PNG", 2048), default);

        error.ShouldBeNull();
        var record = images[upload!.ImageId].ShouldNotBeNull();
        record.Status.ShouldBe(ImageStatus.Uploading);
        record.FileName.ShouldBe("mycat.PNG");
        record.ContentType.ShouldBe("image/png");
        record.Size.ShouldBe(2048);
        upload.UploadUrl.AbsolutePath.ShouldBe($"/uploads/{Samples.FeedId}/{upload.ImageId}");
        upload.UploadHeaders.ShouldBe(new Dictionary<string, string> { ["Content-Type"] = "image/png" });
        upload.ExpiresAt.ShouldBe(Samples.Start.AddMinutes(5));
    }

    [Fact]
    public async Task HandleAsync_FileNameWithPath_NeverReachesTheKey()
    {
        var (upload, _) = await Handler.HandleAsync(new CreateUploadCommand(Samples.FeedId, "../../etc/passwd", "image/jpeg", 10), default);

        upload!.UploadUrl.AbsolutePath.ShouldNotContain("etc");
        images[upload.ImageId]!.FileName.ShouldBe("../../etc/passwd");
    }

    [Fact]
    public async Task HandleAsync_InvalidRequest_WritesNothing()
    {
        var (upload, error) = await Handler.HandleAsync(new CreateUploadCommand(Samples.FeedId, "a.gif", "image/gif", 10), default);

        upload.ShouldBeNull();
        error!.Code.ShouldBe("UnsupportedContentType");
        images.Writes.ShouldBeEmpty();
    }
}
