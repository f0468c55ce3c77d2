using System.Collections.Concurrent;
using ImageLabelsLive.Core.Images;
using ImageLabelsLive.Core.Ports;

namespace ImageLabelsLive.Testing.Fakes;

/// <summary>The Images table's contract in memory: conditional writes and one notification claim per image.</summary>
public sealed class InMemoryImageStore : IImageStore
{
    private readonly ConcurrentDictionary<string, ImageRecord> records = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> claims = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> sent = new(StringComparer.Ordinal);
    private readonly object writeLock = new();

    /// <summary>Every successful write, in order: what a DynamoDB stream would carry.</summary>
    public List<ImageRecord> Writes { get; } = [];

    public ImageRecord? this[string imageId] => records.GetValueOrDefault(imageId);

    public Task CreateAsync(ImageRecord record, CancellationToken cancellationToken)
    {
        lock (writeLock)
        {
            if (!records.TryAdd(record.ImageId, record))
            {
                throw new InvalidOperationException($"Image {record.ImageId} exists.");
            }
            Writes.Add(record);
        }
        return Task.CompletedTask;
    }

    public Task<ImageRecord?> GetAsync(string imageId, CancellationToken cancellationToken) => Task.FromResult(records.GetValueOrDefault(imageId));

    public Task<bool> TryWriteAsync(StatusTransition transition, CancellationToken cancellationToken)
    {
        lock (writeLock)
        {
            if (!transition.IsWriteNeeded || !records.TryGetValue(transition.Record.ImageId, out var stored) || stored.Status != transition.ExpectedStatus)
            {
                return Task.FromResult(false);
            }
            records[transition.Record.ImageId] = transition.Record;
            Writes.Add(transition.Record);
            return Task.FromResult(true);
        }
    }

    public Task<IReadOnlyList<ImageRecord>> ListByFeedAsync(string feedId, int limit, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<ImageRecord>>(records.Values
            .Where(record => record.FeedId == feedId)
            .OrderByDescending(record => record.CreatedAt)
            .Take(limit)
            .ToArray());

    /// <summary>How long an unsent claim holds, as the DynamoDB store's default.</summary>
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromSeconds(60);

    public Task<bool> TryClaimNotificationAsync(string imageId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        lock (writeLock)
        {
            if (!records.ContainsKey(imageId) || sent.ContainsKey(imageId)
                || (claims.TryGetValue(imageId, out var claimed) && claimed > at - ClaimLease))
            {
                return Task.FromResult(false);
            }
            claims[imageId] = at;
            return Task.FromResult(true);
        }
    }

    public Task MarkNotificationSentAsync(string imageId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        sent[imageId] = at;
        return Task.CompletedTask;
    }

    public Task<bool> IsNotificationSentAsync(string imageId, CancellationToken cancellationToken) => Task.FromResult(sent.ContainsKey(imageId));

    public Task ReleaseNotificationAsync(string imageId, CancellationToken cancellationToken)
    {
        claims.TryRemove(imageId, out _);
        return Task.CompletedTask;
    }

    public bool IsClaimed(string imageId) => claims.ContainsKey(imageId);
}
