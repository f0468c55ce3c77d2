using ImageLabelsLive.Core.Images;
using ImageLabelsLive.Core.Processing;
using ImageLabelsLive.Core.Sweeping;
using ImageLabelsLive.Testing.Fakes;

namespace ImageLabelsLive.Core.Tests.Sweeping;

public class SweepStaleImagesHandlerTests
{
    private readonly SweepFakes fakes = new();

    private SweepStaleImagesHandler Handler => fakes.Handler();

    /// <summary>ProcessImage's own use case as the re-drive, with the record's bytes in the bucket and a detector that finds a cat.</summary>
    private ProcessUploadRedrive RealRedrive(ImageRecord record)
    {
        var objects = new InMemoryObjects();
        objects.Objects[record.ObjectKey] = Samples.PngBytes();
        var process = new ProcessUploadHandler(fakes.Images, objects, new ScriptedDetector { Labels = [Samples.Cat] }, fakes.Clock);
        return new ProcessUploadRedrive(process, objects, "bucket");
    }

    [Fact]
    public async Task HandleAsync_UploadingPastUrlLifetimePlusGrace_FailsWithUploadNotFinished()
    {
        var record = await fakes.StoredAsync(ImageStatus.Uploading);
        fakes.Clock.Advance(TimeSpan.FromMinutes(6) + TimeSpan.FromSeconds(1));

        var report = await Handler.HandleAsync(default);

        report.UploadsFailed.ShouldBe(1);
        var failed = fakes.Images[record.ImageId]!;
        failed.Status.ShouldBe(ImageStatus.Failed);
        failed.Error!.Code.ShouldBe("UploadNotFinished");
        failed.Error.Message.ShouldContain("upload it again");
        failed.UpdatedAt.ShouldBe(fakes.Clock.GetUtcNow());
    }

    [Fact]
    public async Task HandleAsync_UploadingPastUrlLifetimePlusGraceWhoseBytesArrived_IsRedrivenNotFailed()
    {
        // The bytes are in the bucket; only ProcessImage never took them up (its event waits behind a backlog, or was lost).
        var record = await fakes.StoredAsync(ImageStatus.Uploading);
        fakes.Redrive.Arrived[record.ImageId] = record.CreatedAt;
        fakes.Clock.Advance(TimeSpan.FromMinutes(6) + TimeSpan.FromSeconds(1));

        var first = await Handler.HandleAsync(default);
        fakes.Clock.Advance(TimeSpan.FromMinutes(1));
        var second = await Handler.HandleAsync(default);

        first.UploadsFailed.ShouldBe(0);
        first.Redriven.ShouldBe(1);
        second.Redriven.ShouldBe(0);
        fakes.Redrive.Redriven.ShouldBe([record.ImageId]);
        fakes.Redrive.Sizes.ShouldBe([record.Size]);
        fakes.Images[record.ImageId]!.Status.ShouldBe(ImageStatus.Uploading);
    }

    [Fact]
    public async Task HandleAsync_UploadingWhoseBytesArrivedWithinProcessorTimeoutPlusGrace_LeavesItForItsEvent()
    {
        // The URL's lifetime is over, but the bytes came late in it: the ObjectCreated event may be waiting in a backlog.
        var record = await fakes.StoredAsync(ImageStatus.Uploading);
        fakes.Redrive.Arrived[record.ImageId] = record.CreatedAt.AddMinutes(5);
        fakes.Clock.Advance(TimeSpan.FromMinutes(7));

        var report = await Handler.HandleAsync(default);

        report.UploadsFailed.ShouldBe(0);
        report.Redriven.ShouldBe(0);
        report.Skipped.ShouldBe(1);
        fakes.Redrive.Redriven.ShouldBeEmpty();
        fakes.Images[record.ImageId]!.Status.ShouldBe(ImageStatus.Uploading);
    }

    [Fact]
    public async Task HandleAsync_ArrivedUploadStillUnfinishedAfterRedrivePlusTimeout_FailsWithProcessingNotFinished()
    {
        var record = await fakes.StoredAsync(ImageStatus.Uploading);
        fakes.Redrive.Arrived[record.ImageId] = record.CreatedAt;
        fakes.Clock.Advance(TimeSpan.FromMinutes(6) + TimeSpan.FromSeconds(1));
        await Handler.HandleAsync(default);
        fakes.Clock.Advance(TimeSpan.FromMinutes(3) + TimeSpan.FromSeconds(1));

        var report = await Handler.HandleAsync(default);

        report.ProcessingFailed.ShouldBe(1);
        report.UploadsFailed.ShouldBe(0);
        fakes.Images[record.ImageId]!.Error!.Code.ShouldBe("ProcessingNotFinished");
        fakes.Redrive.Redriven.Count.ShouldBe(1);
    }

    [Fact]
    public async Task HandleAsync_ArrivedUploadWithTheRealRedrive_IsLabeledFromTheObjectInTheBucket()
    {
        var record = await fakes.StoredAsync(ImageStatus.Uploading);
        var realRedrive = RealRedrive(record);
        fakes.Clock.Advance(TimeSpan.FromMinutes(10));

        var report = await fakes.Handler(realRedrive).HandleAsync(default);

        report.Redriven.ShouldBe(1);
        fakes.Images[record.ImageId]!.Status.ShouldBe(ImageStatus.Labeled);
    }

    [Fact]
    public async Task HandleAsync_UploadingWithinUrlLifetimePlusGrace_LeavesIt()
    {
        var record = await fakes.StoredAsync(ImageStatus.Uploading);
        fakes.Clock.Advance(TimeSpan.FromMinutes(6) - TimeSpan.FromSeconds(1));

        var report = await Handler.HandleAsync(default);

        report.UploadsFailed.ShouldBe(0);
        fakes.Images[record.ImageId]!.Status.ShouldBe(ImageStatus.Uploading);
    }

    [Fact]
    public async Task HandleAsync_ProcessingPastTimeoutPlusGrace_RedrivesOnceAndNotesIt()
    {
        var record = await fakes.StoredAsync(ImageStatus.Processing);
        fakes.Clock.Advance(TimeSpan.FromMinutes(3) + TimeSpan.FromSeconds(1));

        var first = await Handler.HandleAsync(default);
        fakes.Clock.Advance(TimeSpan.FromMinutes(1));
        var second = await Handler.HandleAsync(default);

        first.Redriven.ShouldBe(1);
        second.Redriven.ShouldBe(0);
        fakes.Redrive.Redriven.ShouldBe([record.ImageId]);
        fakes.Images[record.ImageId]!.Status.ShouldBe(ImageStatus.Processing);
    }

    [Fact]
    public async Task HandleAsync_ProcessingStillStuckAfterRedrivePlusTimeout_FailsWithReadableReason()
    {
        var record = await fakes.StoredAsync(ImageStatus.Processing);
        fakes.Clock.Advance(TimeSpan.FromMinutes(3) + TimeSpan.FromSeconds(1));
        await Handler.HandleAsync(default);
        fakes.Clock.Advance(TimeSpan.FromMinutes(3) + TimeSpan.FromSeconds(1));

        var report = await Handler.HandleAsync(default);

        report.ProcessingFailed.ShouldBe(1);
        var failed = fakes.Images[record.ImageId]!;
        failed.Status.ShouldBe(ImageStatus.Failed);
        failed.Error!.Code.ShouldBe("ProcessingNotFinished");
        failed.Error.Message.ShouldContain("upload it again");
        fakes.Redrive.Redriven.Count.ShouldBe(1);
    }

    [Fact]
    public async Task HandleAsync_RedriveThatThrows_IsNotedAndFailedLater()
    {
        var record = await fakes.StoredAsync(ImageStatus.Processing);
        fakes.Redrive.Run = _ => throw new TimeoutException("detector gone");
        fakes.Clock.Advance(TimeSpan.FromMinutes(4));

        var report = await Handler.HandleAsync(default);
        fakes.Clock.Advance(TimeSpan.FromMinutes(4));
        var later = await Handler.HandleAsync(default);

        report.Redriven.ShouldBe(1);
        later.ProcessingFailed.ShouldBe(1);
        fakes.Images[record.ImageId]!.Status.ShouldBe(ImageStatus.Failed);
    }

    [Fact]
    public async Task HandleAsync_RedriveThatFinishes_LeavesTheResult()
    {
        var record = await fakes.StoredAsync(ImageStatus.Processing);
        var realRedrive = RealRedrive(record);
        fakes.Clock.Advance(TimeSpan.FromMinutes(4));

        await fakes.Handler(realRedrive).HandleAsync(default);
        fakes.Clock.Advance(TimeSpan.FromMinutes(10));
        var later = await fakes.Handler(realRedrive).HandleAsync(default);

        fakes.Images[record.ImageId]!.Status.ShouldBe(ImageStatus.Labeled);
        later.ProcessingFailed.ShouldBe(0);
    }

    [Fact]
    public async Task HandleAsync_RunTwiceOrOverlapping_WritesEachFailureOnce()
    {
        await fakes.StoredAsync(ImageStatus.Uploading);
        await fakes.StoredAsync(ImageStatus.Uploading);
        fakes.Clock.Advance(TimeSpan.FromMinutes(10));

        var reports = await Task.WhenAll(Handler.HandleAsync(default), Handler.HandleAsync(default));
        var again = await Handler.HandleAsync(default);

        reports.Sum(r => r.UploadsFailed).ShouldBe(2);
        again.UploadsFailed.ShouldBe(0);
        fakes.Images.Writes.Count(write => write.Status == ImageStatus.Failed).ShouldBe(2);
    }

    [Fact]
    public async Task HandleAsync_FinalRecords_AreNeverTouched()
    {
        var labeled = await fakes.StoredAsync(ImageStatus.Labeled);
        fakes.Clock.Advance(TimeSpan.FromDays(1));

        var report = await Handler.HandleAsync(default);

        report.ShouldBe(new SweepReport(0, 0, 0, 0));
        fakes.Images[labeled.ImageId]!.Status.ShouldBe(ImageStatus.Labeled);
    }
}
