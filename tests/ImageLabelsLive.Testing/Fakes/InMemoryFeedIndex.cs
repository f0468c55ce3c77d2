using ImageLabelsLive.Core.Ports;

namespace ImageLabelsLive.Testing.Fakes;

/// <summary>
/// The FeedIndex table's writer contract in memory: set members by position, counts that move once per real
/// membership change, each set's first display name, the change log, and an indexed-through mark that only moves
/// forward. Images in <see cref="FailingImages"/> make every membership write throw, as a failing table would.
/// </summary>
public sealed class InMemoryFeedIndex : IFeedIndex
{
    private readonly object gate = new();
    private readonly Dictionary<(string FeedId, string SetKey), HashSet<FeedPosition>> members = [];
    private readonly Dictionary<(string FeedId, string SetKey), long> counts = [];
    private readonly Dictionary<(string FeedId, string SetKey), string> names = [];
    private readonly Dictionary<string, HashSet<FeedPosition>> changes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> indexedThrough = new(StringComparer.Ordinal);

    public HashSet<string> FailingImages { get; } = new(StringComparer.Ordinal);

    public Task SetMembershipAsync(string feedId, FeedSet feedSet, FeedPosition member, bool present, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(feedSet);
        ArgumentNullException.ThrowIfNull(member);
        if (FailingImages.Contains(member.ImageId))
        {
            throw new HttpRequestException($"FeedIndex refused the write for {member.ImageId}.");
        }
        lock (gate)
        {
            var key = (feedId, feedSet.Key);
            if (!members.TryGetValue(key, out var set))
            {
                members[key] = set = [];
            }
            var changed = present ? set.Add(member) : set.Remove(member);
            if (changed && feedSet.Counted)
            {
                counts[key] = counts.GetValueOrDefault(key) + (present ? 1 : -1);
            }
            if (present && feedSet.DisplayName is { } name)
            {
                names.TryAdd(key, name);
            }
        }
        return Task.CompletedTask;
    }

    public Task RecordChangeAsync(string feedId, string imageId, FeedPosition? current, IReadOnlyCollection<DateTimeOffset> superseded, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(superseded);
        lock (gate)
        {
            if (!changes.TryGetValue(feedId, out var log))
            {
                changes[feedId] = log = [];
            }
            if (current is not null)
            {
                log.Add(current);
            }
            foreach (var at in superseded)
            {
                log.Remove(new FeedPosition(at, imageId));
            }
        }
        return Task.CompletedTask;
    }

    public Task MarkIndexedThroughAsync(string feedId, DateTimeOffset changedAt, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            if (!indexedThrough.TryGetValue(feedId, out var marked) || marked < changedAt)
            {
                indexedThrough[feedId] = changedAt;
            }
        }
        return Task.CompletedTask;
    }

    /// <summary>The set's members, oldest first by (at, imageId).</summary>
    public IReadOnlyList<FeedPosition> Members(string feedId, FeedSet feedSet)
    {
        ArgumentNullException.ThrowIfNull(feedSet);
        lock (gate)
        {
            return members.TryGetValue((feedId, feedSet.Key), out var set) ? Ordered(set) : [];
        }
    }

    /// <summary>A counted set's count item (0 when it was never written).</summary>
    public long Count(string feedId, FeedSet feedSet)
    {
        ArgumentNullException.ThrowIfNull(feedSet);
        lock (gate)
        {
            return counts.GetValueOrDefault((feedId, feedSet.Key));
        }
    }

    /// <summary>The name a label set was first written with.</summary>
    public string? DisplayName(string feedId, FeedSet feedSet)
    {
        ArgumentNullException.ThrowIfNull(feedSet);
        lock (gate)
        {
            return names.GetValueOrDefault((feedId, feedSet.Key));
        }
    }

    /// <summary>The change log's entries, oldest first by (updatedAt, imageId).</summary>
    public IReadOnlyList<FeedPosition> Changes(string feedId)
    {
        lock (gate)
        {
            return changes.TryGetValue(feedId, out var log) ? Ordered(log) : [];
        }
    }

    public DateTimeOffset? IndexedThrough(string feedId)
    {
        lock (gate)
        {
            return indexedThrough.TryGetValue(feedId, out var at) ? at : null;
        }
    }

    private static FeedPosition[] Ordered(IEnumerable<FeedPosition> positions) =>
        [.. positions.OrderBy(position => position.At).ThenBy(position => position.ImageId, StringComparer.Ordinal)];
}
