using ImageLabelsLive.Core.Ports;

namespace ImageLabelsLive.Testing.Fakes;

/// <summary>The flood limit's counters in memory: a slot is taken while the counter is under its limit, and given back on release.</summary>
public sealed class CountingSubscriptionRequests : ISubscriptionRequestCounter
{
    public Dictionary<string, int> Counts { get; } = new(StringComparer.Ordinal);

    public Task<bool> TryTakeAsync(string counter, int limit, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        var count = Counts.GetValueOrDefault(counter);
        if (count >= limit)
        {
            return Task.FromResult(false);
        }
        Counts[counter] = count + 1;
        return Task.FromResult(true);
    }

    public Task ReleaseAsync(string counter, CancellationToken cancellationToken)
    {
        Counts[counter] = Counts.GetValueOrDefault(counter) - 1;
        return Task.CompletedTask;
    }
}
