using System.Text;
using System.Text.Json;
using ImageLabelsLive.Core.Images;
using ImageLabelsLive.Core.Ports;
using ImageLabelsLive.Core.PushShards;
using ImageLabelsLive.Core.Web;

namespace ImageLabelsLive.Core.PushResults;

/// <summary>How one push went: failures are connections that neither took the message nor are gone.</summary>
public sealed record PushReport(int Delivered, int Gone, IReadOnlyList<Exception> Failures)
{
    /// <summary>Not pushed: a replayed record whose status is behind what this container already pushed for the image.</summary>
    public static PushReport Superseded { get; } = new(0, 0, []) { IsSuperseded = true };

    public bool IsSuperseded { get; private init; }

    /// <summary>Connections handed to PushShard workers rather than posted here.</summary>
    public int Sharded { get; init; }

    /// <summary>How many shards the feed was split into (0 when it was not).</summary>
    public int Shards { get; init; }

    public bool Succeeded => Failures.Count == 0;
}

/// <summary>
/// Sends an image's new state to every open socket of its feed, in parallel with bounded concurrency.
/// A gone socket is deleted; a failing one never stops the others. A state behind one already pushed
/// (a duplicated or retried stream batch) is not sent again, so no tab sees an image move backwards.
/// With a <see cref="PushShardPlan"/> and a dispatcher, a feed bigger than one shard is split: this handler posts the
/// first shard itself and hands every other one to a worker, all at once.
/// </summary>
public sealed class PushResultsHandler(
    IConnectionStore connections,
    IConnectionMessenger messenger,
    int maxConcurrency,
    ImageLinks? links = null,
    IPushShardDispatcher? shards = null,
    PushShardPlan? plan = null)
{
    public const int DefaultConcurrency = 32;

    private readonly PushedStatuses pushed = new(PushedStatuses.DefaultCapacity);
    private readonly ConnectionFanOut fanOut = new(connections, messenger, maxConcurrency);
    private readonly PushShardPlan shardPlan = plan ?? new PushShardPlan(PushShardPlan.DefaultShardSize);

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
        var message = JsonSerializer.SerializeToUtf8Bytes(new ImagePushMessage((links ?? ImageLinks.None).WithLink(image)), WebJson.Default.ImagePushMessage);
        if (shards is null || !shardPlan.ShouldShard(connectionIds.Count))
        {
            return await fanOut.PostAsync(connectionIds, message, cancellationToken).ConfigureAwait(false);
        }
        var text = Encoding.UTF8.GetString(message);
        if (shardPlan.Split(connectionIds, PushShard.MessageSizeInJson(text)) is not { Count: > 1 } slices)
        {
            // A record too big to travel through SNS: posted from here, as before sharding.
            return await fanOut.PostAsync(connectionIds, message, cancellationToken).ConfigureAwait(false);
        }
        return await PushShardedAsync(image, message, text, slices, cancellationToken).ConfigureAwait(false);
    }

    private async Task<PushReport> PushShardedAsync(ImageRecord image, byte[] message, string text, IReadOnlyList<string[]> slices, CancellationToken cancellationToken)
    {
        var status = image.Status.ToWire();
        var handedOver = slices.Skip(1).Select(async (slice, offset) =>
        {
            var index = offset + 1;
            try
            {
                await shards!.DispatchAsync(new PushShard(image.FeedId, image.ImageId, status, index, slices.Count, text, slice), cancellationToken).ConfigureAwait(false);
                return (Sent: slice.Length, Failure: (Exception?)null);
            }
            catch (Exception failure) when (failure is not OperationCanceledException)
            {
                return (Sent: 0, Failure: failure);
            }
        }).ToArray();
        var own = await fanOut.PostAsync(slices[0], message, cancellationToken).ConfigureAwait(false);
        var dispatched = await Task.WhenAll(handedOver).ConfigureAwait(false);
        var failures = own.Failures.Concat(dispatched.Where(d => d.Failure is not null).Select(d => d.Failure!)).ToArray();
        return new PushReport(own.Delivered, own.Gone, failures) { Sharded = dispatched.Sum(d => d.Sent), Shards = slices.Count };
    }
}
