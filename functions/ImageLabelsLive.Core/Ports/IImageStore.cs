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
    /// Claims the sending of the image's result email; false if it was already sent, or a claim made less than
    /// the store's lease ago is still held. Streams deliver at least once, so this claim is what keeps a result from
    /// being emailed twice; the lease is what lets a delivery that died mid-send (a crash) be sent by the retry.
    /// </summary>
    Task<bool> TryClaimNotificationAsync(string imageId, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Records that the claimed email went out, so no later claim succeeds.</summary>
    Task MarkNotificationSentAsync(string imageId, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Whether the image's result email was sent (not merely claimed).</summary>
    Task<bool> IsNotificationSentAsync(string imageId, CancellationToken cancellationToken);

    /// <summary>Gives the claim back after a failed send, so a retry can send.</summary>
    Task ReleaseNotificationAsync(string imageId, CancellationToken cancellationToken);
}
