namespace ImageLabelsLive.Core.Ports;

/// <summary>An open WebSocket of a feed. Stores drop it after <see cref="ExpiresAt"/> (API Gateway closes sockets at 2 h).</summary>
public sealed record FeedConnection(string ConnectionId, string FeedId, DateTimeOffset ConnectedAt, DateTimeOffset ExpiresAt);

/// <summary>The Connections table.</summary>
public interface IConnectionStore
{
    Task SaveAsync(FeedConnection connection, CancellationToken cancellationToken);

    Task DeleteAsync(string connectionId, CancellationToken cancellationToken);

    /// <summary>The ids of the feed's open connections.</summary>
    Task<IReadOnlyList<string>> ListByFeedAsync(string feedId, CancellationToken cancellationToken);
}
