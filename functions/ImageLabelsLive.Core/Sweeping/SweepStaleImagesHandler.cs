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
/// <item>An <c>uploading</c> record older than the upload URL's lifetime plus the grace whose object is not in the
/// bucket can never receive its bytes: it fails with <c>UploadNotFinished</c>.</item>
/// <item>One whose object is there did finish uploading; only ProcessImage never took it up (its event waits behind
/// a backlog, or was lost). It is never failed as unfinished: once the object is older than the processor's timeout
/// plus the grace, the event counts as lost and the record is treated as a stuck <c>processing</c> one, below.</item>
/// <item>A <c>processing</c> record older than the processor's timeout plus the grace lost its invocation (a crash, an
/// event in a dead-letter queue): it is re-driven once, noted on the record so only one sweep does it.</item>
/// <item>One that is still unfinished the timeout plus the grace after its re-drive fails with
/// <c>ProcessingNotFinished</c>.</item>
/// </list>
/// Every write is conditional on the status read, so overlapping sweeps and a late ProcessImage never conflict;
/// the status change reaches tabs and email through the stream like any other.
/// </summary>
public sealed class SweepStaleImagesHandler(IStaleImages stale, IImageStore images, IProcessingRedrive redrive, SweepSettings settings, TimeProvider clock)
{
    private enum Outcome
    {
        UploadFailed,
        Redriven,
        ProcessingFailed,
        Skipped,
    }

    public async Task<SweepReport> HandleAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var processingCutoff = now - settings.ProcessorTimeout - settings.Grace;
        var outcomes = new List<Outcome>();

        var uploadCutoff = now - settings.UploadUrlLifetime - settings.Grace;
        foreach (var candidate in await stale.ListAsync(ImageStatus.Uploading, uploadCutoff, settings.BatchLimit, cancellationToken).ConfigureAwait(false))
        {
            if (await redrive.FindArrivedAsync(candidate.Record, cancellationToken).ConfigureAwait(false) is { } arrived)
            {
                // Its ObjectCreated event gets as long as a processing record's invocation before it counts as lost:
                // under a backlog the event is only waiting, and a re-drive would double the detector's work.
                outcomes.Add(arrived.ArrivedAt < processingCutoff
                    ? await RedriveOrFailAsync(candidate, arrived.Size, processingCutoff, now, cancellationToken).ConfigureAwait(false)
                    : Outcome.Skipped);
                continue;
            }
            var failed = candidate.Record.Fail(UploadNotFinished(candidate.Record), now);
            outcomes.Add(await images.TryWriteAsync(failed, cancellationToken).ConfigureAwait(false) ? Outcome.UploadFailed : Outcome.Skipped);
        }

        foreach (var candidate in await stale.ListAsync(ImageStatus.Processing, processingCutoff, settings.BatchLimit, cancellationToken).ConfigureAwait(false))
        {
            // A processing record's upload was already accepted, at the record's size.
            outcomes.Add(await RedriveOrFailAsync(candidate, candidate.Record.Size, processingCutoff, now, cancellationToken).ConfigureAwait(false));
        }
        int Count(Outcome outcome) => outcomes.Count(o => o == outcome);
        return new SweepReport(Count(Outcome.UploadFailed), Count(Outcome.Redriven), Count(Outcome.ProcessingFailed), Count(Outcome.Skipped));
    }

    /// <summary>The first time, re-drives the record (noted on it); a re-drive older than the cutoff that left it unfinished, fails it.</summary>
    private async Task<Outcome> RedriveOrFailAsync(StaleImage candidate, long objectSize, DateTimeOffset processingCutoff, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var record = candidate.Record;
        if (candidate.RedrivenAt is null)
        {
            if (!await stale.TryMarkRedrivenAsync(record.ImageId, now, cancellationToken).ConfigureAwait(false))
            {
                return Outcome.Skipped;
            }
            try
            {
                await redrive.RedriveAsync(record, objectSize, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The re-drive is noted; if it never finishes, a later sweep fails the record with a reason.
            }
            return Outcome.Redriven;
        }
        if (candidate.RedrivenAt >= processingCutoff)
        {
            return Outcome.Skipped; // Re-driven recently: give the re-drive its time.
        }
        var failed = record.Fail(ProcessingNotFinished(record), now);
        return await images.TryWriteAsync(failed, cancellationToken).ConfigureAwait(false) ? Outcome.ProcessingFailed : Outcome.Skipped;
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
public sealed class ProcessUploadRedrive(Processing.ProcessUploadHandler process, IUploadedObjects objects, string bucket) : IProcessingRedrive
{
    public Task<ArrivedObject?> FindArrivedAsync(ImageRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        return objects.FindAsync(bucket, record.ObjectKey, cancellationToken);
    }

    public Task RedriveAsync(ImageRecord record, long objectSize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        return process.HandleAsync(new Processing.UploadedObject(bucket, record.ObjectKey, objectSize), cancellationToken);
    }
}
