using ImageLabelsLive.Core.Images;
using ImageLabelsLive.Core.Ports;

namespace ImageLabelsLive.Core.Sweeping;

/// <summary>How long records may stay unfinished before the sweeper acts.</summary>
/// <param name="UploadUrlLifetime">An upload URL's lifetime: after it, the bytes can no longer arrive.</param>
/// <param name="ProcessorTimeout">ProcessImage's timeout: after it, the invocation that moved the record is gone.</param>
/// <param name="Grace">Added to both, for retries and clock skew.</param>
/// <param name="BatchLimit">Most records of each kind handled per run; the rest wait for the next run.</param>
public sealed record SweepSettings(TimeSpan UploadUrlLifetime, TimeSpan ProcessorTimeout, TimeSpan Grace, int BatchLimit = 100);

/// <summary>What one sweep did.</summary>
public sealed record SweepReport(int UploadsFailed, int Redriven, int ProcessingFailed, int Skipped);

/// <summary>
/// The sweeper's rules, so that no image waits for good:
/// <list type="bullet">
/// <item>An <c>uploading</c> record older than the upload URL's lifetime plus the grace can never receive its bytes:
/// it fails with <c>UploadNotFinished</c>.</item>
/// <item>A <c>processing</c> record older than the processor's timeout plus the grace lost its invocation (a crash, an
/// event in a dead-letter queue): it is re-driven once, noted on the record so only one sweep does it.</item>
/// <item>One that is still processing the timeout plus the grace after its re-drive fails with
/// <c>ProcessingNotFinished</c>.</item>
/// </list>
/// Every write is conditional on the status read, so overlapping sweeps and a late ProcessImage never conflict;
/// the status change reaches tabs and email through the stream like any other.
/// </summary>
public sealed class SweepStaleImagesHandler(IStaleImages stale, IImageStore images, IProcessingRedrive redrive, SweepSettings settings, TimeProvider clock)
{
    public async Task<SweepReport> HandleAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var uploadsFailed = 0;
        var redriven = 0;
        var processingFailed = 0;
        var skipped = 0;

        var uploadCutoff = now - settings.UploadUrlLifetime - settings.Grace;
        foreach (var candidate in await stale.ListAsync(ImageStatus.Uploading, uploadCutoff, settings.BatchLimit, cancellationToken).ConfigureAwait(false))
        {
            var failed = candidate.Record.Fail(UploadNotFinished(candidate.Record), now);
            if (await images.TryWriteAsync(failed, cancellationToken).ConfigureAwait(false))
            {
                uploadsFailed++;
            }
            else
            {
                skipped++;
            }
        }

        var processingCutoff = now - settings.ProcessorTimeout - settings.Grace;
        foreach (var candidate in await stale.ListAsync(ImageStatus.Processing, processingCutoff, settings.BatchLimit, cancellationToken).ConfigureAwait(false))
        {
            var record = candidate.Record;
            if (candidate.RedrivenAt is null)
            {
                if (!await stale.TryMarkRedrivenAsync(record.ImageId, now, cancellationToken).ConfigureAwait(false))
                {
                    skipped++;
                    continue;
                }
                redriven++;
                try
                {
                    await redrive.RedriveAsync(record, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // The re-drive is noted; if it never finishes, a later sweep fails the record with a reason.
                }
            }
            else if (candidate.RedrivenAt < processingCutoff)
            {
                var failed = record.Fail(ProcessingNotFinished(record), now);
                if (await images.TryWriteAsync(failed, cancellationToken).ConfigureAwait(false))
                {
                    processingFailed++;
                }
                else
                {
                    skipped++;
                }
            }
            else
            {
                skipped++; // Re-driven recently: give the re-drive its time.
            }
        }
        return new SweepReport(uploadsFailed, redriven, processingFailed, skipped);
    }

    public static ImageError UploadNotFinished(ImageRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new ImageError(
            "UploadNotFinished",
            $"\"{record.FileName}\" never finished uploading before its upload link expired, so it was not labeled; upload it again.");
    }

    public static ImageError ProcessingNotFinished(ImageRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new ImageError(
            "ProcessingNotFinished",
            $"\"{record.FileName}\" could not be labeled: processing stopped twice without finishing; upload it again.");
    }
}

/// <summary>Re-drives by running ProcessImage's own use case on the stored object: it resumes a processing record.</summary>
public sealed class ProcessUploadRedrive(Processing.ProcessUploadHandler process, string bucket) : IProcessingRedrive
{
    public Task RedriveAsync(ImageRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        // The record's size stands for the object's: a processing record's upload was already accepted.
        return process.HandleAsync(new Processing.UploadedObject(bucket, record.ObjectKey, record.Size), cancellationToken);
    }
}
