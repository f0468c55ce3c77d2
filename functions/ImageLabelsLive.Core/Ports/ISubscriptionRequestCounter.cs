namespace ImageLabelsLive.Core.Ports;

/// <summary>Counters of subscription requests per window (DynamoDB on AWS): how the flood limit is kept across containers.</summary>
public interface ISubscriptionRequestCounter
{
    /// <summary>Takes one slot of <paramref name="counter"/> unless it already holds <paramref name="limit"/>; false when full.</summary>
    Task<bool> TryTakeAsync(string counter, int limit, DateTimeOffset expiresAt, CancellationToken cancellationToken);

    /// <summary>Gives back a slot taken by a request that went no further.</summary>
    Task ReleaseAsync(string counter, CancellationToken cancellationToken);
}
