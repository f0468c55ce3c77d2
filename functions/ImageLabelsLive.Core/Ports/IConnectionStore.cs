namespace ImageLabelsLive.Core.Ports;

/// <summary>An open WebSocket of a feed. Stores drop it after <see cref="ExpiresAt"/> (API Gateway closes sockets at 2 h).</summary>
public sealed record FeedConnection(string ConnectionId, string FeedId, DateTimeOffset ConnectedAt, DateTimeOffset ExpiresAt);

/// <summary>The Connections table.</summary>
public interface IConnectionStore
{
    Task SaveAsync(FeedConnection connection, CancellationToken cancellationToken);

    Task DeleteAsync(string connectionId, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes a connection the management API called gone (410), unless it connected within
    /// <see cref="Connections.ConnectHandler.OpeningGracePeriod"/>: API Gateway answers 410 for a connection
    /// whose $connect has not returned yet, and deleting that one would leave its tab, once open, without pushes.
    /// A store that does not know when connections were made deletes at once.
    /// </summary>
    Task DeleteGoneAsync(string connectionId, CancellationToken cancellationToken) => DeleteAsync(connectionId, cancellationToken);

    /// <summary>The ids of the feed's open connections.</summary>
    Task<IReadOnlyList<string>> ListByFeedAsync(string feedId, CancellationToken cancellationToken);
}
