using System.Collections.Concurrent;
using System.Text.Json;
using ImageLabelsLive.Core.Images;
using ImageLabelsLive.Core.Ports;
using ImageLabelsLive.Core.Web;

namespace ImageLabelsLive.Core.Push;

/// <summary>How one push went: failures are connections that neither took the message nor are gone.</summary>
public sealed record PushReport(int Delivered, int Gone, IReadOnlyList<Exception> Failures)
{
    /// <summary>Not pushed: a replayed record whose status is behind what this container already pushed for the image.</summary>
    public static PushReport Superseded { get; } = new(0, 0, []) { IsSuperseded = true };

    public bool IsSuperseded { get; private init; }

    public bool Succeeded => Failures.Count == 0;
}

/// <summary>
/// Sends an image's new state to every open socket of its feed, in parallel with bounded concurrency.
/// A gone socket is deleted; a failing one never stops the others. A state behind one already pushed
/// (a duplicated or retried stream batch) is not sent again, so no tab sees an image move backwards.
/// </summary>
public sealed class PushImageUpdateHandler(IConnectionStore connections, IConnectionMessenger messenger, int maxConcurrency, ImageLinks? links = null)
{
    public const int DefaultConcurrency = 32;

    private readonly PushedStatuses pushed = new(PushedStatuses.DefaultCapacity);

    /// <summary>Whether a stream change is worth a push: a new record, or a status that moved.</summary>
    public static bool IsStatusChange(ImageRecord? oldImage, ImageRecord newImage) =>
        oldImage is null || oldImage.Status != newImage.Status;

    public async Task<PushReport> HandleAsync(ImageRecord image, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (!pushed.TryAdvance(image.ImageId, image.Status))
        {
            return PushReport.Superseded;
        }
        var connectionIds = await connections.ListByFeedAsync(image.FeedId, cancellationToken).ConfigureAwait(false);
        if (connectionIds.Count == 0)
        {
            return new PushReport(0, 0, []);
        }
        // Serialized once for every socket.
        ReadOnlyMemory<byte> message = JsonSerializer.SerializeToUtf8Bytes(new ImagePushMessage((links ?? ImageLinks.None).WithLink(image)), WebJson.Default.ImagePushMessage);
        var delivered = 0;
        var gone = 0;
        var failures = new ConcurrentQueue<Exception>();
        var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, maxConcurrency), CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(connectionIds, options, async (connectionId, token) =>
        {
            try
            {
                if (await messenger.SendAsync(connectionId, message, token).ConfigureAwait(false) == DeliveryResult.Gone)
                {
                    Interlocked.Increment(ref gone);
                    await connections.DeleteGoneAsync(connectionId, token).ConfigureAwait(false);
                }
                else
                {
                    Interlocked.Increment(ref delivered);
                }
            }
            catch (Exception failure) when (failure is not OperationCanceledException)
            {
                failures.Enqueue(failure);
            }
        }).ConfigureAwait(false);
        return new PushReport(delivered, gone, failures.ToArray());
    }
}
