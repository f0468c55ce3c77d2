using System.Collections.Concurrent;
using ImageLabelsLive.Core.Ports;

namespace ImageLabelsLive.Testing.Fakes;

/// <summary>
/// The Connections table kept in memory, indexed by feed as the GSI is (so the pusher benchmark measures the posts and
/// not DynamoDB). What $connect stores here is what the pusher reads.
/// </summary>
public sealed class InMemoryConnectionStore : IConnectionStore, IConnectionMessageCounter
{
    private readonly ConcurrentDictionary<string, FeedConnection> byId = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, byte>> byFeed = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (long Window, int Count)> messages = new(StringComparer.Ordinal);

    /// <summary>Every stored connection by its id.</summary>
    public IReadOnlyDictionary<string, FeedConnection> Connections => byId;

    public int Count => byId.Count;

    public Task<int> CountAsync(string connectionId, long window, CancellationToken cancellationToken) =>
        Task.FromResult(byId.ContainsKey(connectionId)
            ? messages.AddOrUpdate(connectionId, (window, 1), (_, old) => old.Window == window ? (window, old.Count + 1) : (window, 1)).Count
            : 0);

    public Task SaveAsync(FeedConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (byId.TryGetValue(connection.ConnectionId, out var previous) && previous.FeedId != connection.FeedId && byFeed.TryGetValue(previous.FeedId, out var previousFeed))
        {
            previousFeed.TryRemove(connection.ConnectionId, out _);
        }
        byId[connection.ConnectionId] = connection;
        byFeed.GetOrAdd(connection.FeedId, _ => new ConcurrentDictionary<string, byte>(StringComparer.Ordinal))[connection.ConnectionId] = 0;
        return Task.CompletedTask;
    }

    public Task DeleteAsync(string connectionId, CancellationToken cancellationToken)
    {
        if (byId.TryRemove(connectionId, out var connection) && byFeed.TryGetValue(connection.FeedId, out var feed))
        {
            feed.TryRemove(connectionId, out _);
        }
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<string>> ListByFeedAsync(string feedId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<string>>(byFeed.TryGetValue(feedId, out var feed) ? [.. feed.Keys.Order(StringComparer.Ordinal)] : []);

    public void Add(string connectionId, string feedId) =>
        SaveAsync(new FeedConnection(connectionId, feedId, DateTimeOffset.UnixEpoch, DateTimeOffset.MaxValue), default);
}
