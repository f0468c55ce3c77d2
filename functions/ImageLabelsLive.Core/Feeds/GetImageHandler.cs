using ImageLabelsLive.Core.Images;
using ImageLabelsLive.Core.Ports;

namespace ImageLabelsLive.Core.Feeds;

/// <summary>GET /images/{imageId}: one record. Knowing an image id is, like a feed id, a capability.</summary>
public sealed class GetImageHandler(IImageStore images, ImageLinks? links = null)
{
    public static ImageError NotFound { get; } = new("ImageNotFound", "No image has this id; it may have expired.");

    public async Task<ImageRecord?> HandleAsync(string? imageId, CancellationToken cancellationToken)
    {
        var record = ImageIds.IsValid(imageId) ? await images.GetAsync(imageId!, cancellationToken).ConfigureAwait(false) : null;
        // A tombstone is kept for tabs catching up, not for lookups: a deleted image is gone.
        return record is null || record.Status == ImageStatus.Deleted ? null : (links ?? ImageLinks.None).WithLink(record);
    }
}
