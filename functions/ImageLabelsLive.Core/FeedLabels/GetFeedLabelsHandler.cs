using ImageLabelsLive.Core.Feeds;
using ImageLabelsLive.Core.Images;
using ImageLabelsLive.Core.Ports;

namespace ImageLabelsLive.Core.FeedLabels;

/// <summary>
/// GET /feeds/{feedId}/labels → {"labels": [{"name","count"}…], "images": N, "indexedThrough": time|null}, the most
/// frequent first. The counts are kept by a stream consumer apart from the pushes; indexedThrough says how far.
/// </summary>
public sealed record FeedLabelsResponse(IReadOnlyList<LabelCount> Labels, long Images, DateTimeOffset? IndexedThrough);

/// <summary>Reads the count items the indexer keeps: one query, however large the feed.</summary>
public sealed class GetFeedLabelsHandler(IFeedQueries feeds)
{
    public async Task<(FeedLabelsResponse? Labels, ImageError? Error)> HandleAsync(string? feedId, CancellationToken cancellationToken)
    {
        if (!FeedId.IsValid(feedId))
        {
            return (null, FeedId.InvalidError);
        }
        var counts = await feeds.CountLabelsAsync(feedId!, cancellationToken).ConfigureAwait(false);
        var labels = counts.Labels
            .Where(label => label.Count > 0)
            .OrderByDescending(label => label.Count)
            .ThenBy(label => label.Name, StringComparer.Ordinal)
            .ToArray();
        return (new FeedLabelsResponse(labels, Math.Max(0, counts.Images), counts.IndexedThrough), null);
    }
}
