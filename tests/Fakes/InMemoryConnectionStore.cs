using System.Collections.Concurrent;
using ImageLabelsLive.Core.Ports;

namespace ImageLabelsLive.Testing.Fakes;

public sealed class InMemoryConnectionStore : IConnectionStore
{
    public ConcurrentDictionary<string, FeedConnection> Connections { get; } = new(StringComparer.Ordinal);

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
