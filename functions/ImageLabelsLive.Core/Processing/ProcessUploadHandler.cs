using ImageLabelsLive.Core.Analysis;
using ImageLabelsLive.Core.Images;
using ImageLabelsLive.Core.Ports;

namespace ImageLabelsLive.Core.Processing;

/// <summary>An object that arrived in the upload bucket, as the ObjectCreated event describes it.</summary>
public sealed record UploadedObject(string Bucket, string Key, long Size);

public enum ProcessOutcome
{
    /// <summary>The key is not one this app issued, or it has no record: nothing to do.</summary>
    NotOurs,
    /// <summary>The record was already final: a duplicate event, and nothing changed.</summary>
    AlreadyDone,
    Labeled,
    Failed,
    /// <summary>Another invocation finished this image first; this one wrote nothing.</summary>
    LostRace,
}

/// <summary>
/// Labels one uploaded image: uploading → processing → labeled | failed. Every write is conditional on
/// the status read before it, so duplicate or concurrent events change nothing and send nothing twice.
/// A detector that stays unavailable past its adapter's retries fails the image with a reason, so no image
/// waits in "processing" for good; other errors propagate so the platform retries, and a retry finds
/// "processing" and resumes.
/// </summary>
public sealed class ProcessUploadHandler(IImageStore images, IUploadedObjects objects, ImageAnalysis analysis, TimeProvider clock)
{
    /// <summary>Labels only, every other analysis off.</summary>
    public ProcessUploadHandler(IImageStore images, IUploadedObjects objects, ILabelDetector detector, TimeProvider clock)
        : this(images, objects, new ImageAnalysis(new LabelsOnlyAnalyzer(detector), AnalysisSwitches.LabelsOnly), clock)
    {
    }

    public async Task<ProcessOutcome> HandleAsync(UploadedObject uploaded, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(uploaded);
        if (!ObjectKeys.TryParse(uploaded.Key, out var feedId, out var imageId))
        {
            return ProcessOutcome.NotOurs;
        }
        var record = await images.GetAsync(imageId, cancellationToken).ConfigureAwait(false);
        if (record is null || record.FeedId != feedId)
        {
            return ProcessOutcome.NotOurs;
        }
        if (record.Status.IsFinal())
        {
            return ProcessOutcome.AlreadyDone;
        }
        if (record.Status == ImageStatus.Uploading)
        {
            var started = record.StartProcessing(clock.GetUtcNow());
            if (!await images.TryWriteAsync(started, cancellationToken).ConfigureAwait(false))
            {
                // Someone else moved it; decide again from what is stored now.
                record = await images.GetAsync(imageId, cancellationToken).ConfigureAwait(false);
                if (record is null || record.Status != ImageStatus.Processing)
                {
                    return ProcessOutcome.AlreadyDone;
                }
            }
            else
            {
                record = started.Record;
            }
        }

        var rejection = await CheckBytesAsync(uploaded, record, cancellationToken).ConfigureAwait(false);
        StatusTransition finished;
        if (rejection is not null)
        {
            finished = record.Fail(rejection, clock.GetUtcNow());
        }
        else
        {
            var findings = await analysis.AnalyzeAsync(uploaded.Bucket, uploaded.Key, cancellationToken).ConfigureAwait(false);
            if (findings.NothingRan)
            {
                rejection = ImageAnalysis.ImageFailure(findings, record.FileName);
                finished = record.FailAnalysis(rejection, findings, clock.GetUtcNow());
            }
            else
            {
                finished = record.Analyze(findings, clock.GetUtcNow());
            }
        }

        if (!await images.TryWriteAsync(finished, cancellationToken).ConfigureAwait(false))
        {
            return ProcessOutcome.LostRace;
        }
        return rejection is null ? ProcessOutcome.Labeled : ProcessOutcome.Failed;
    }

    /// <summary>Refuses what is not what was declared: an empty file, a size mismatch, bytes that are not JPEG or PNG.</summary>
    private async Task<ImageError?> CheckBytesAsync(UploadedObject uploaded, ImageRecord record, CancellationToken cancellationToken)
    {
        if (uploaded.Size == 0)
        {
            return new ImageError("EmptyFile", $"\"{record.FileName}\" arrived empty; upload it again.");
        }
        if (uploaded.Size != record.Size)
        {
            return new ImageError(
                "SizeMismatch",
                $"\"{record.FileName}\" was announced as {record.Size} bytes but {uploaded.Size} bytes arrived; upload it again.");
        }
        var prefix = await objects.ReadPrefixAsync(uploaded.Bucket, uploaded.Key, ImageSniffer.PrefixLength, cancellationToken).ConfigureAwait(false);
        return ImageSniffer.Detect(prefix) == ImageFormat.Unknown
            ? new ImageError("NotAnImage", $"\"{record.FileName}\" is not a JPEG or PNG image, whatever its name says.")
            : null;
    }
}
