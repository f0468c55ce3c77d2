using ImageLabelsLive.Core.Images;

namespace ImageLabelsLive.Core.PushResults;

/// <summary>
/// How far each recent image's pushes have got, in this container. Stream delivery is at least once: a duplicated or
/// retried batch replays records that were already pushed, and pushing them again would show every tab the image moving
/// backwards (labeled, then uploading again). Bounded, so it remembers only the most recent images; a replay handled by
/// another container still gets through, which is why the page's merge never moves backwards either.
/// </summary>
public sealed class PushedStatuses(int capacity)
{
    public const int DefaultCapacity = 10_000;

    private readonly object gate = new();
    private readonly Dictionary<string, int> furthest = new(StringComparer.Ordinal);
    private readonly Queue<string> order = new();

    /// <summary>False when <paramref name="status"/> is behind what was already pushed for the image; otherwise records it.</summary>
    public bool TryAdvance(string imageId, ImageStatus status)
    {
        ArgumentNullException.ThrowIfNull(imageId);
        var rank = Rank(status);
        lock (gate)
        {
            if (furthest.TryGetValue(imageId, out var known))
            {
                if (rank < known)
                {
                    return false;
                }
                furthest[imageId] = rank;
                return true;
            }
            if (order.Count >= Math.Max(1, capacity))
            {
                furthest.Remove(order.Dequeue());
            }
            furthest[imageId] = rank;
            order.Enqueue(imageId);
            return true;
        }
    }

    // Labeled and failed are both final: neither is ahead of the other.
    private static int Rank(ImageStatus status) => status.IsFinal() ? 2 : (int)status;
}
