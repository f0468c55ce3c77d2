using ImageLabelsLive.Core.Images;
using ImageLabelsLive.Core.Processing;
using ImageLabelsLive.Testing.Fakes;

namespace ImageLabelsLive.Core.Tests.Processing;

public class ProcessUploadHandlerTests
{
    private readonly InMemoryImageStore images = new();
    private readonly InMemoryObjects objects = new();
    private readonly ScriptedDetector detector = new() { Labels = [Samples.Cat] };
    private readonly FakeTimeProvider clock = new(Samples.Start);

    private ProcessUploadHandler Handler => new(images, objects, detector, clock);

    private async Task<UploadedObject> UploadAsync(byte[] bytes, long? declaredSize = null)
    {
        var record = Samples.Record(size: declaredSize ?? bytes.Length);
        await images.CreateAsync(record, default);
        objects.Objects[record.ObjectKey] = bytes;
        return new UploadedObject("bucket", record.ObjectKey, bytes.Length);
    }

    private static string IdOf(UploadedObject uploaded) => uploaded.Key.Split('/')[2];

    [Fact]
    public async Task HandleAsync_Png_MovesThroughProcessingToLabeled()
    {
        var uploaded = await UploadAsync(Samples.PngBytes());

        (await Handler.HandleAsync(uploaded, default)).ShouldBe(ProcessOutcome.Labeled);

        images.Writes.Select(write => write.Status).ShouldBe([ImageStatus.Uploading, ImageStatus.Processing, ImageStatus.Labeled]);
        images[IdOf(uploaded)]!.Labels.ShouldHaveSingleItem().Name.ShouldBe("Cat");
    }

    [Fact]
    public async Task HandleAsync_DuplicateEvent_ChangesNothing()
    {
        var uploaded = await UploadAsync(Samples.PngBytes());
        await Handler.HandleAsync(uploaded, default);

        (await Handler.HandleAsync(uploaded, default)).ShouldBe(ProcessOutcome.AlreadyDone);

        images.Writes.Count.ShouldBe(3);
        detector.Calls.ShouldBe(1);
    }

    [Fact]
    public async Task HandleAsync_ConcurrentDuplicates_WriteOneResult()
    {
        var uploaded = await UploadAsync(Samples.PngBytes());

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => Handler.HandleAsync(uploaded, default))));

        outcomes.Count(outcome => outcome == ProcessOutcome.Labeled).ShouldBe(1);
        images.Writes.Count(write => write.Status == ImageStatus.Labeled).ShouldBe(1);
        images.Writes.Count(write => write.Status == ImageStatus.Processing).ShouldBe(1);
    }

    [Fact]
    public async Task HandleAsync_TextNamedJpg_FailsWithReadableReason()
    {
        var uploaded = await UploadAsync("this is not an image at all"u8.ToArray());

        (await Handler.HandleAsync(uploaded, default)).ShouldBe(ProcessOutcome.Failed);

        var record = images[IdOf(uploaded)]!;
        record.Status.ShouldBe(ImageStatus.Failed);
        record.Error!.Code.ShouldBe("NotAnImage");
        record.Error.Message.ShouldContain("cat.png");
        detector.Calls.ShouldBe(0);
    }

    [Fact]
    public async Task HandleAsync_SizeDiffersFromDeclared_Fails()
    {
        var uploaded = await UploadAsync(Samples.PngBytes(100), declaredSize: 50);

        await Handler.HandleAsync(uploaded, default);

        images[IdOf(uploaded)]!.Error!.Code.ShouldBe("SizeMismatch");
    }

    [Fact]
    public async Task HandleAsync_DetectorRejectsImage_FailsWithItsReason()
    {
        detector.Rejection = new ImageError("InvalidImageFormat", "damaged");
        var uploaded = await UploadAsync(Samples.PngBytes());

        (await Handler.HandleAsync(uploaded, default)).ShouldBe(ProcessOutcome.Failed);

        images[IdOf(uploaded)]!.Error.ShouldBe(new ImageError("InvalidImageFormat", "damaged"));
    }

    [Fact]
    public async Task HandleAsync_DetectorThrottled_ThrowsAndRetryResumesFromProcessing()
    {
        detector.TransientFailure = new TimeoutException("throttled");
        var uploaded = await UploadAsync(Samples.PngBytes());

        await Should.ThrowAsync<TimeoutException>(() => Handler.HandleAsync(uploaded, default));
        images[IdOf(uploaded)]!.Status.ShouldBe(ImageStatus.Processing);

        detector.TransientFailure = null;
        (await Handler.HandleAsync(uploaded, default)).ShouldBe(ProcessOutcome.Labeled);
        images.Writes.Count(write => write.Status == ImageStatus.Processing).ShouldBe(1);
    }

    [Theory]
    [InlineData("elsewhere/file.png")]
    [InlineData("uploads/AAAAAAAAAAAAAAAAAAAAAA/0123456789abcdef0123456789abcdef")]
    public async Task HandleAsync_UnknownKey_IsNotOurs(string key)
    {
        (await Handler.HandleAsync(new UploadedObject("bucket", key, 10), default)).ShouldBe(ProcessOutcome.NotOurs);

        images.Writes.ShouldBeEmpty();
    }

    [Fact]
    public async Task HandleAsync_KeyOfAnotherFeed_IsNotOurs()
    {
        var uploaded = await UploadAsync(Samples.PngBytes());
        var forged = uploaded with { Key = uploaded.Key.Replace(Samples.FeedId, Samples.OtherFeedId, StringComparison.Ordinal) };

        (await Handler.HandleAsync(forged, default)).ShouldBe(ProcessOutcome.NotOurs);
    }
}
