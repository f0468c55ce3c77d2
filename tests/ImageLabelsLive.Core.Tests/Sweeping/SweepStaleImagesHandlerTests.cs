using ImageLabelsLive.Core.Images;
using ImageLabelsLive.Core.Processing;
using ImageLabelsLive.Core.Sweeping;
using ImageLabelsLive.Testing.Fakes;

namespace ImageLabelsLive.Core.Tests.Sweeping;

public class SweepStaleImagesHandlerTests
{
    private static readonly SweepSettings Settings = new(
        UploadUrlLifetime: TimeSpan.FromMinutes(5), ProcessorTimeout: TimeSpan.FromMinutes(2), Grace: TimeSpan.FromMinutes(1));

    private readonly InMemoryImageStore images = new();
    private readonly RecordingRedrive redrive = new();
    private readonly FakeTimeProvider clock = new(Samples.Start);
    private readonly InMemoryStaleImages stale;

    public SweepStaleImagesHandlerTests()
    {
        stale = new InMemoryStaleImages(images);
    }

    private SweepStaleImagesHandler Handler => new(stale, images, redrive, Settings, clock);

    private async Task<ImageRecord> StoredAsync(ImageStatus status)
    {
        var record = Samples.Record(status);
        await images.CreateAsync(record, default);
        return record;
    }

    [Fact]
    public async Task HandleAsync_UploadingPastUrlLifetimePlusGrace_FailsWithUploadNotFinished()
    {
        var record = await StoredAsync(ImageStatus.Uploading);
        clock.Advance(TimeSpan.FromMinutes(6) + TimeSpan.FromSeconds(1));

        var report = await Handler.HandleAsync(default);

        report.UploadsFailed.ShouldBe(1);
        var failed = images[record.ImageId]!;
        failed.Status.ShouldBe(ImageStatus.Failed);
        failed.Error!.Code.ShouldBe("UploadNotFinished");
        failed.Error.Message.ShouldContain("upload it again");
        failed.UpdatedAt.ShouldBe(clock.GetUtcNow());
    }

    [Fact]
    public async Task HandleAsync_UploadingWithinUrlLifetimePlusGrace_LeavesIt()
    {
        var record = await StoredAsync(ImageStatus.Uploading);
        clock.Advance(TimeSpan.FromMinutes(6) - TimeSpan.FromSeconds(1));

        var report = await Handler.HandleAsync(default);

        report.UploadsFailed.ShouldBe(0);
        images[record.ImageId]!.Status.ShouldBe(ImageStatus.Uploading);
    }

    [Fact]
    public async Task HandleAsync_ProcessingPastTimeoutPlusGrace_RedrivesOnceAndNotesIt()
    {
        var record = await StoredAsync(ImageStatus.Processing);
        clock.Advance(TimeSpan.FromMinutes(3) + TimeSpan.FromSeconds(1));

        var first = await Handler.HandleAsync(default);
        clock.Advance(TimeSpan.FromMinutes(1));
        var second = await Handler.HandleAsync(default);

        first.Redriven.ShouldBe(1);
        second.Redriven.ShouldBe(0);
        redrive.Redriven.ShouldBe([record.ImageId]);
        images[record.ImageId]!.Status.ShouldBe(ImageStatus.Processing);
    }

    [Fact]
    public async Task HandleAsync_ProcessingStillStuckAfterRedrivePlusTimeout_FailsWithReadableReason()
    {
        var record = await StoredAsync(ImageStatus.Processing);
        clock.Advance(TimeSpan.FromMinutes(3) + TimeSpan.FromSeconds(1));
        await Handler.HandleAsync(default);
        clock.Advance(TimeSpan.FromMinutes(3) + TimeSpan.FromSeconds(1));

        var report = await Handler.HandleAsync(default);

        report.ProcessingFailed.ShouldBe(1);
        var failed = images[record.ImageId]!;
        failed.Status.ShouldBe(ImageStatus.Failed);
        failed.Error!.Code.ShouldBe("ProcessingNotFinished");
        failed.Error.Message.ShouldContain("upload it again");
        redrive.Redriven.Count.ShouldBe(1);
    }

    [Fact]
    public async Task HandleAsync_RedriveThatThrows_IsNotedAndFailedLater()
    {
        var record = await StoredAsync(ImageStatus.Processing);
        redrive.Run = _ => throw new TimeoutException("detector gone");
        clock.Advance(TimeSpan.FromMinutes(4));

        var report = await Handler.HandleAsync(default);
        clock.Advance(TimeSpan.FromMinutes(4));
        var later = await Handler.HandleAsync(default);

        report.Redriven.ShouldBe(1);
        later.ProcessingFailed.ShouldBe(1);
        images[record.ImageId]!.Status.ShouldBe(ImageStatus.Failed);
    }

    [Fact]
    public async Task HandleAsync_RedriveThatFinishes_LeavesTheResult()
    {
        var objects = new InMemoryObjects();
        var record = await StoredAsync(ImageStatus.Processing);
        objects.Objects[record.ObjectKey] = Samples.PngBytes();
        var process = new ProcessUploadHandler(images, objects, new ScriptedDetector { Labels = [Samples.Cat] }, clock);
        var realRedrive = new ProcessUploadRedrive(process, "bucket");
        clock.Advance(TimeSpan.FromMinutes(4));

        await new SweepStaleImagesHandler(stale, images, realRedrive, Settings, clock).HandleAsync(default);
        clock.Advance(TimeSpan.FromMinutes(10));
        var later = await new SweepStaleImagesHandler(stale, images, realRedrive, Settings, clock).HandleAsync(default);

        images[record.ImageId]!.Status.ShouldBe(ImageStatus.Labeled);
        later.ProcessingFailed.ShouldBe(0);
    }

    [Fact]
    public async Task HandleAsync_RunTwiceOrOverlapping_WritesEachFailureOnce()
    {
        await StoredAsync(ImageStatus.Uploading);
        await StoredAsync(ImageStatus.Uploading);
        clock.Advance(TimeSpan.FromMinutes(10));

        var reports = await Task.WhenAll(Handler.HandleAsync(default), Handler.HandleAsync(default));
        var again = await Handler.HandleAsync(default);

        reports.Sum(r => r.UploadsFailed).ShouldBe(2);
        again.UploadsFailed.ShouldBe(0);
        images.Writes.Count(write => write.Status == ImageStatus.Failed).ShouldBe(2);
    }

    [Fact]
    public async Task HandleAsync_FinalRecords_AreNeverTouched()
    {
        var labeled = await StoredAsync(ImageStatus.Labeled);
        clock.Advance(TimeSpan.FromDays(1));

        var report = await Handler.HandleAsync(default);

        report.ShouldBe(new SweepReport(0, 0, 0, 0));
        images[labeled.ImageId]!.Status.ShouldBe(ImageStatus.Labeled);
    }
}
