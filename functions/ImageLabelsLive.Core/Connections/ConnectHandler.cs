using ImageLabelsLive.Core.Feeds;
using ImageLabelsLive.Core.Images;
using ImageLabelsLive.Core.Ports;

namespace ImageLabelsLive.Core.Connections;

/// <summary>$connect: remembers which feed a socket watches. A socket without a valid feed id is refused.</summary>
public sealed class ConnectHandler(IConnectionStore connections, TimeProvider clock)
{
    /// <summary>A little over API Gateway's 2-hour connection limit, so the store's TTL only removes what API Gateway has closed.</summary>
    public static TimeSpan Lifetime { get; } = TimeSpan.FromHours(2) + TimeSpan.FromMinutes(10);

    /// <summary>
    /// How long a new connection may answer 410 without being deleted: it is stored before API Gateway opens it (the
    /// $connect integration may take up to 29 s), and posts to it are "gone" until then.
    /// </summary>
    public static TimeSpan OpeningGracePeriod { get; } = TimeSpan.FromSeconds(30);

    public async Task<ImageError?> HandleAsync(string connectionId, string? feedId, CancellationToken cancellationToken)
    {
        if (!FeedId.IsValid(feedId))
        {
            return FeedId.InvalidError;
        }
        var now = clock.GetUtcNow();
        await connections.SaveAsync(new FeedConnection(connectionId, feedId!, now, now + Lifetime), cancellationToken).ConfigureAwait(false);
        return null;
    }
}
