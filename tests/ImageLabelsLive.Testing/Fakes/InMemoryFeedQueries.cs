using ImageLabelsLive.Core.FeedLabels;
using ImageLabelsLive.Core.Images;
using ImageLabelsLive.Core.Ports;

namespace ImageLabelsLive.Testing.Fakes;

/// <summary>
/// The feed queries' contract computed straight from the records (no index to lag): newest first by (createdAt, imageId),
/// changes oldest first by (updatedAt, imageId), counts of labeled images. The DynamoDB adapter is checked against the
/// same expectations on the local stack.
/// </summary>
public sealed class InMemoryFeedQueries(Func<IEnumerable<ImageRecord>> records) : IFeedQueries
{
    public InMemoryFeedQueries(InMemoryImageStore store)
        : this(() => store.Writes.GroupBy(record => record.ImageId).Select(group => store[group.Key]!))
    {
    }

    public List<string> LabelQueries { get; } = [];

    public Task<FeedPage> ListAsync(string feedId, int limit, FeedPosition? after, CancellationToken cancellationToken) =>
        Task.FromResult(Page(Newest(feedId).Where(record => record.Status != ImageStatus.Deleted), limit, after, descending: true, record => record.CreatedAt));

    public Task<FeedPage> ListWithLabelAsync(string feedId, string label, int limit, FeedPosition? after, Func<ImageRecord, bool> alsoMatches, CancellationToken cancellationToken)
    {
        LabelQueries.Add(label);
        var members = Newest(feedId).Where(record => record.Status == ImageStatus.Labeled
            && record.Labels.Any(carried => LabelNames.Normalize(carried.Name) == label) && alsoMatches(record));
        return Task.FromResult(Page(members, limit, after, descending: true, record => record.CreatedAt));
    }

    public Task<FeedPage> ListChangedAsync(string feedId, DateTimeOffset since, int limit, FeedPosition? after, CancellationToken cancellationToken)
    {
        var changed = records().Where(record => record.FeedId == feedId && record.UpdatedAt >= since)
            .OrderBy(record => record.UpdatedAt).ThenBy(record => record.ImageId, StringComparer.Ordinal);
        return Task.FromResult(Page(changed, limit, after, descending: false, record => record.UpdatedAt));
    }

    public Task<FeedLabelCounts> CountLabelsAsync(string feedId, CancellationToken cancellationToken)
    {
        var feed = records().Where(record => record.FeedId == feedId).ToArray();
        var labels = feed.Where(record => record.Status == ImageStatus.Labeled)
            .SelectMany(record => record.Labels.Select(label => label.Name).Distinct(StringComparer.Ordinal))
            .GroupBy(LabelNames.Normalize)
            .Select(group => new LabelCount(group.First(), group.Count()))
            .ToArray();
        // No index to lag: the counts hold every change there is.
        return Task.FromResult(new FeedLabelCounts(labels, feed.Count(record => record.Status != ImageStatus.Deleted))
        {
            IndexedThrough = feed.Length == 0 ? null : feed.Max(record => record.UpdatedAt),
        });
    }

    public Task<IReadOnlyList<ImageRecord>> FindBySha256Async(string feedId, string sha256, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<ImageRecord>>(records().Where(record => record.FeedId == feedId && record.Sha256 == sha256).ToArray());

    private IEnumerable<ImageRecord> Newest(string feedId) =>
        records().Where(record => record.FeedId == feedId)
            .OrderByDescending(record => record.CreatedAt).ThenByDescending(record => record.ImageId, StringComparer.Ordinal);

    private static FeedPage Page(IEnumerable<ImageRecord> ordered, int limit, FeedPosition? after, bool descending, Func<ImageRecord, DateTimeOffset> at)
    {
        var rest = after is null ? ordered : ordered.Where(record =>
        {
            var order = at(record).CompareTo(after.At) is var byTime && byTime != 0 ? byTime : string.CompareOrdinal(record.ImageId, after.ImageId);
            return descending ? order < 0 : order > 0;
        });
        var page = rest.Take(limit + 1).ToArray();
        var images = page.Take(limit).ToArray();
        return new FeedPage(images, page.Length > limit ? new FeedPosition(at(images[^1]), images[^1].ImageId) : null);
    }
}

/// <summary>The bucket's deletions and stored exports, in memory.</summary>
public sealed class InMemoryStoredObjects : IStoredObjects
{
    public List<string> Deleted { get; } = [];

    public Dictionary<string, byte[]> Exports { get; } = new(StringComparer.Ordinal);

    public Task DeleteAsync(string objectKey, CancellationToken cancellationToken)
    {
        Deleted.Add(objectKey);
        return Task.CompletedTask;
    }

    public async Task<Uri> StoreExportAsync(string objectKey, string localPath, string contentType, string downloadName, DateTimeOffset linkExpiresAt, CancellationToken cancellationToken)
    {
        Exports[objectKey] = await File.ReadAllBytesAsync(localPath, cancellationToken);
        return new Uri($"https://bucket.example/{objectKey}?download={Uri.EscapeDataString(downloadName)}");
    }
}
