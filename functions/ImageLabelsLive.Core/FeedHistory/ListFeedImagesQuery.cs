namespace ImageLabelsLive.Core.FeedHistory;

/// <summary>GET /feeds/{feedId}/images's parameters as the client sent them (nothing trusted yet).</summary>
public sealed record ListFeedImagesQuery(string? FeedId, string? Limit, string? Cursor, IReadOnlyList<string> Labels, string? ChangedSince)
{
    public static ListFeedImagesQuery Newest(string? feedId, string? limit = null) => new(feedId, limit, null, [], null);
}
