using ImageLabelsLive.Core.Feeds;
using ImageLabelsLive.Core.Images;
using ImageLabelsLive.Core.Ports;

namespace ImageLabelsLive.Core.Deletion;

public enum DeleteOutcome
{
    Deleted,
    InvalidFeedId,
    NotFound,
}

/// <summary>
/// DELETE /feeds/{feedId}/images/{imageId}: removes the bytes, then turns the record into a tombstone (no labels,
/// kept 7 days). The tombstone's write is what every tab is pushed and what the indexer uncounts; no email follows.
/// </summary>
public sealed class DeleteImageHandler(IImageStore images, IStoredObjects objects, TimeProvider clock)
{
    public static ImageError NotFound { get; } = new("ImageNotFound", "This feed has no image with this id, or it was already deleted.");

    public async Task<DeleteOutcome> HandleAsync(string? feedId, string? imageId, CancellationToken cancellationToken)
    {
        if (!FeedId.IsValid(feedId))
        {
            return DeleteOutcome.InvalidFeedId;
        }
        if (!ImageIds.IsValid(imageId))
        {
            return DeleteOutcome.NotFound;
        }
        // A few rounds: ProcessImage may move the record between our read and our conditional write.
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var record = await images.GetAsync(imageId!, cancellationToken).ConfigureAwait(false);
            // Another feed's image answers exactly as a missing one, so ids of other feeds cannot be probed.
            if (record is null || record.FeedId != feedId || record.Status == ImageStatus.Deleted)
            {
                return DeleteOutcome.NotFound;
            }
            await objects.DeleteAsync(record.ObjectKey, cancellationToken).ConfigureAwait(false);
            if (await images.TryWriteAsync(record.Delete(clock.GetUtcNow()), cancellationToken).ConfigureAwait(false))
            {
                return DeleteOutcome.Deleted;
            }
        }
        throw new InvalidOperationException($"Image {imageId} kept changing while it was being deleted.");
    }
}
