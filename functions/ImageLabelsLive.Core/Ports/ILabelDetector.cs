using ImageLabelsLive.Core.Images;

namespace ImageLabelsLive.Core.Ports;

/// <summary>Finds labels in a stored image (Rekognition DetectLabels on AWS, the detector sidecar locally).</summary>
public interface ILabelDetector
{
    /// <summary>
    /// Throws <see cref="ImageRejectedException"/> when the image itself is the problem, and
    /// <see cref="LabelingUnavailableException"/> when the detector stayed throttled or unreachable for as long as the
    /// detector was willing to retry; any other exception may pass and the caller lets the platform retry.
    /// </summary>
    Task<IReadOnlyList<Label>> DetectAsync(string bucket, string key, CancellationToken cancellationToken);
}

/// <summary>The detector refused this image for good; retrying will not help.</summary>
public sealed class ImageRejectedException : Exception
{
    public ImageRejectedException(ImageError error, Exception? innerException = null)
        : base(error?.Message, innerException)
    {
        Error = error ?? throw new ArgumentNullException(nameof(error));
    }

    public ImageError Error { get; }
}

/// <summary>
/// The detector kept refusing (throttling) or could not be reached (an outage) for as long as the adapter retried. The
/// image fails with a reason that asks to try again, rather than waiting in "processing" for a retry that may never come.
/// </summary>
public sealed class LabelingUnavailableException : Exception
{
    public LabelingUnavailableException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
