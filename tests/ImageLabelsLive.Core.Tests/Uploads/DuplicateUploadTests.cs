using System.Security.Cryptography;
using ImageLabelsLive.Core.Images;
using ImageLabelsLive.Core.Uploads;
using ImageLabelsLive.Testing.Fakes;

namespace ImageLabelsLive.Core.Tests.Uploads;

public class DuplicateUploadTests
{
    private static readonly string Sha = Convert.ToBase64String(SHA256.HashData("same bytes"u8));

    private readonly InMemoryImageStore images = new();

    private CreateUploadHandler Handler => new(images, new FixedSigner(), new FakeTimeProvider(Samples.Start), TimeSpan.FromMinutes(5), new InMemoryFeedQueries(images));

    private static CreateUploadCommand Command(string? sha256 = null, string feedId = Samples.FeedId) => new(feedId, "cat.png", "image/png", 100, sha256);

    [Fact]
    public async Task HandleWithDuplicatesAsync_Sha256_RecordKeepsItAndTheHeaderIsSigned()
    {
        var (upload, duplicate, error) = await Handler.HandleWithDuplicatesAsync(Command(Sha), default);

        error.ShouldBeNull();
        duplicate.ShouldBeNull();
        upload!.UploadHeaders["x-amz-checksum-sha256"].ShouldBe(Sha);
        upload.UploadUrl.Query.ShouldContain("sha256=");
        images[upload.ImageId]!.Sha256.ShouldBe(Sha);
    }

    [Fact]
    public async Task HandleWithDuplicatesAsync_SameBytesInTheSameFeed_AnswersDuplicateOfAndCreatesNothing()
    {
        var (first, _, _) = await Handler.HandleWithDuplicatesAsync(Command(Sha), default);

        var (upload, duplicate, error) = await Handler.HandleWithDuplicatesAsync(Command(Sha), default);

        error.ShouldBeNull();
        upload.ShouldBeNull();
        duplicate!.DuplicateOf.ShouldBe(first!.ImageId);
        duplicate.Image.ImageId.ShouldBe(first.ImageId);
        images.Writes.Count.ShouldBe(1);
    }

    [Fact]
    public async Task HandleWithDuplicatesAsync_SameBytesInAnotherFeed_IsANewUpload()
    {
        await Handler.HandleWithDuplicatesAsync(Command(Sha, Samples.OtherFeedId), default);

        var (upload, duplicate, _) = await Handler.HandleWithDuplicatesAsync(Command(Sha), default);

        upload.ShouldNotBeNull();
        duplicate.ShouldBeNull();
    }

    [Theory]
    [InlineData(ImageStatus.Failed)]
    [InlineData(ImageStatus.Deleted)]
    public async Task HandleWithDuplicatesAsync_SameBytesFailedOrDeleted_IsANewUpload(ImageStatus status)
    {
        await images.CreateAsync(Samples.Record(status) with { Sha256 = Sha }, default);

        var (upload, duplicate, _) = await Handler.HandleWithDuplicatesAsync(Command(Sha), default);

        upload.ShouldNotBeNull();
        duplicate.ShouldBeNull();
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==")]
    public async Task HandleWithDuplicatesAsync_Sha256NotBase64Of32Bytes_IsInvalidChecksum(string sha256)
    {
        var (upload, _, error) = await Handler.HandleWithDuplicatesAsync(Command(sha256), default);

        upload.ShouldBeNull();
        error!.Code.ShouldBe("InvalidChecksum");
        images.Writes.ShouldBeEmpty();
    }
}
