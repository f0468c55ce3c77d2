using ImageLabelsLive.Core.Images;

namespace ImageLabelsLive.Core.Ports;

/// <summary>The Images table.</summary>
public interface IImageStore
{
    /// <summary>Writes a new record; fails if the id exists.</summary>
    Task CreateAsync(ImageRecord record, CancellationToken cancellationToken);

    Task<ImageRecord?> GetAsync(string imageId, CancellationToken cancellationToken);

    /// <summary>
    /// Writes <paramref name="transition"/>'s record only if the stored status is still its expected
    /// status. False means another writer moved it first, and nothing was written.
    /// </summary>
    Task<bool> TryWriteAsync(StatusTransition transition, CancellationToken cancellationToken);

    /// <summary>The feed's records, newest first.</summary>
    Task<IReadOnlyList<ImageRecord>> ListByFeedAsync(string feedId, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Marks the image's result as emailed; false if it was already marked. Streams deliver at least
    /// once, so this claim is what keeps a result from being emailed twice.
    /// </summary>
    Task<bool> TryClaimNotificationAsync(string imageId, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Gives the claim back after a failed send, so a retry can send.</summary>
    Task ReleaseNotificationAsync(string imageId, CancellationToken cancellationToken);
}
