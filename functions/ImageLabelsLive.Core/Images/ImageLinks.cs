using ImageLabelsLive.Core.Ports;

namespace ImageLabelsLive.Core.Images;

/// <summary>
/// Adds a short-lived link to an image's bytes to the records the web API returns and pushes, so that
/// every tab, not only the uploading one, can show the picture and draw its boxes. The bucket stays
/// private: the link is a presigned GET. Records get one only once their bytes are known to be an image.
/// </summary>
public sealed class ImageLinks(IImageUrlSigner? signer, TimeProvider clock, TimeSpan lifetime)
{
    public static TimeSpan DefaultLifetime { get; } = TimeSpan.FromHours(1);

    /// <summary>Links nothing: for callers that have no signer (and tests that do not care).</summary>
    public static ImageLinks None { get; } = new(null, TimeProvider.System, DefaultLifetime);

    public ImageRecord WithLink(ImageRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return signer is not null && record.Status is ImageStatus.Processing or ImageStatus.Labeled
            ? record with { ImageUrl = signer.SignGet(record.ObjectKey, clock.GetUtcNow() + lifetime) }
            : record;
    }
}
