using ImageLabelsLive.Core.Images;

namespace ImageLabelsLive.Core.Ports;

/// <summary>Finds labels in a stored image (Rekognition DetectLabels on AWS, the detector sidecar locally).</summary>
public interface ILabelDetector
{
    /// <summary>
    /// Throws <see cref="ImageRejectedException"/> when the image itself is the problem; any other
    /// exception is transient (throttling, outage) and the caller lets the platform retry.
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
