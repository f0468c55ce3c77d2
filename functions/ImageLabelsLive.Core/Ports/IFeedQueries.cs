using ImageLabelsLive.Core.Images;

namespace ImageLabelsLive.Core.Ports;

/// <summary>Where a page ended: the last record's sort time (createdAt, or updatedAt for changes) and its id.</summary>
public sealed record FeedPosition(DateTimeOffset At, string ImageId);

/// <summary>One page of records and where the next one starts (null when there is no more).</summary>
public sealed record FeedPage(IReadOnlyList<ImageRecord> Images, FeedPosition? Next);

/// <summary>A label's count in a feed: labeled images that carry it.</summary>
public sealed record LabelCount(string Name, long Count);

/// <summary>The feed's label counts and how many of its images are not deleted.</summary>
public sealed record FeedLabelCounts(IReadOnlyList<LabelCount> Labels, long Images)
{
    /// <summary>The newest change the counts include (see <see cref="IFeedIndex.MarkIndexedThroughAsync"/>); null for a feed never indexed.</summary>
    public DateTimeOffset? IndexedThrough { get; init; }
}

/// <summary>Reads a feed page by page: the Images table's feed index and the feed index table the indexer keeps.</summary>
public interface IFeedQueries
{
    /// <summary>Newest first (createdAt, then imageId, descending), deleted images left out, starting after <paramref name="after"/>.</summary>
    Task<FeedPage> ListAsync(string feedId, int limit, FeedPosition? after, CancellationToken cancellationToken);

    /// <summary>
    /// Newest first, images carrying <paramref name="label"/> (a normalized name, see <c>LabelNames</c>) and for which
    /// <paramref name="alsoMatches"/> holds. Reads only the label's members, never the whole feed.
    /// </summary>
    Task<FeedPage> ListWithLabelAsync(string feedId, string label, int limit, FeedPosition? after, Func<ImageRecord, bool> alsoMatches, CancellationToken cancellationToken);

    /// <summary>Records whose updatedAt ≥ <paramref name="since"/>, oldest change first, deleted ones included.</summary>
    Task<FeedPage> ListChangedAsync(string feedId, DateTimeOffset since, int limit, FeedPosition? after, CancellationToken cancellationToken);

    Task<FeedLabelCounts> CountLabelsAsync(string feedId, CancellationToken cancellationToken);

    /// <summary>The feed's images whose bytes had this SHA-256 (any status; the caller decides what counts).</summary>
    Task<IReadOnlyList<ImageRecord>> FindBySha256Async(string feedId, string sha256, CancellationToken cancellationToken);
}
