using System.Collections.Concurrent;
using ImageLabelsLive.Core.Ports;

namespace ImageLabelsLive.Testing.Fakes;

public sealed class InMemoryConnectionStore : IConnectionStore, IConnectionMessageCounter
{
    private readonly ConcurrentDictionary<string, (long Window, int Count)> messages = new(StringComparer.Ordinal);

    public ConcurrentDictionary<string, FeedConnection> Connections { get; } = new(StringComparer.Ordinal);

    public Task<int> CountAsync(string connectionId, long window, CancellationToken cancellationToken)
    {
        if (!Connections.ContainsKey(connectionId))
        {
            return Task.FromResult(0);
        }
        var counted = messages.AddOrUpdate(connectionId, (window, 1), (_, old) => old.Window == window ? (window, old.Count + 1) : (window, 1));
        return Task.FromResult(counted.Count);
    }

    public Task SaveAsync(FeedConnection connection, CancellationToken cancellationToken)
    {
        Connections[connection.ConnectionId] = connection;
        return Task.CompletedTask;
    }

    public Task DeleteAsync(string connectionId, CancellationToken cancellationToken)
    {
        Connections.TryRemove(connectionId, out _);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<string>> ListByFeedAsync(string feedId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<string>>(Connections.Values.Where(c => c.FeedId == feedId).Select(c => c.ConnectionId).Order(StringComparer.Ordinal).ToArray());

    public void Add(string connectionId, string feedId) =>
        Connections[connectionId] = new FeedConnection(connectionId, feedId, DateTimeOffset.UnixEpoch, DateTimeOffset.MaxValue);
}
