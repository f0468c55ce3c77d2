using ImageLabelsLive.Core.FeedLabels;

namespace ImageLabelsLive.Core.Ports;

/// <summary>
/// A set of images inside a feed that the indexer keeps: the images of one label, all images that are not
/// deleted, the images with one SHA-256. Counted sets keep a count item that the label bar reads.
/// </summary>
public sealed record FeedSet(string Key, string? DisplayName, bool Counted)
{
    public static FeedSet Label(string displayName) => new("label#" + LabelNames.Normalize(displayName), displayName, Counted: true);

    public static FeedSet Images { get; } = new("images", null, Counted: true);

    public static FeedSet Sha256(string sha256) => new("sha256#" + sha256, null, Counted: false);
}

/// <summary>
/// The writer side of the feed index, used only by the stream consumer. Every call is idempotent: stream records
/// arrive at least once and batches are retried, so applying the same change twice must leave the same state,
/// and a count must move exactly once per membership change, with no transactions (dynalite has none).
/// </summary>
public interface IFeedIndex
{
    /// <summary>Makes the image a member of the set (or not); counted sets move their count once per real change.</summary>
    Task SetMembershipAsync(string feedId, FeedSet feedSet, FeedPosition member, bool present, CancellationToken cancellationToken);

    /// <summary>Records that the image's latest change is at <paramref name="current"/>, forgetting its older change entries.</summary>
    Task RecordChangeAsync(string feedId, string imageId, FeedPosition? current, IReadOnlyCollection<DateTimeOffset> superseded, CancellationToken cancellationToken);

    /// <summary>
    /// Records that the feed's counts include every change up to <paramref name="changedAt"/> (an image's updatedAt);
    /// the mark only moves forward. The page compares it with the newest change it was pushed, so it knows when the
    /// counts have caught up with what it shows.
    /// </summary>
    Task MarkIndexedThroughAsync(string feedId, DateTimeOffset changedAt, CancellationToken cancellationToken);
}
