namespace ImageLabelsLive.LocalAws.ApiGateway;

/// <summary>
/// An injected answer for POST @connections: the next <paramref name="Count"/> posts (to <paramref name="ConnectionId"/>,
/// or to any connection when it is null) answer <paramref name="Status"/> instead of reaching the socket.
/// </summary>
public sealed record ManagementApiFault(int Status, int Count, string? ConnectionId = null)
{
    /// <summary>Throttling (429) and server errors (5xx): the failures a caller is expected to retry.</summary>
    public static bool IsSupportedStatus(int status) => status is 429 or (>= 500 and <= 599);
}

/// <summary>
/// Fault injection for the management API, a test hook that stays empty unless the host queues faults: a queued
/// fault makes posts answer 429 (LimitExceededException) or 5xx (InternalFailure), as API Gateway does when it
/// throttles or fails, so a caller's retries can be seen working.
/// </summary>
public sealed class ManagementApiFaults
{
    private readonly object gate = new();
    private readonly List<Pending> pending = [];
    private long served;

    /// <summary>Faults answered so far.</summary>
    public long Served => Interlocked.Read(ref served);

    /// <summary>Posts that will still be answered with a fault.</summary>
    public int Remaining
    {
        get
        {
            lock (gate)
            {
                return pending.Sum(fault => fault.Left);
            }
        }
    }

    public void Add(ManagementApiFault fault)
    {
        ArgumentNullException.ThrowIfNull(fault);
        if (!ManagementApiFault.IsSupportedStatus(fault.Status))
        {
            throw new ArgumentException($"A management API fault answers 429 or 500–599, not {fault.Status}.", nameof(fault));
        }
        ArgumentOutOfRangeException.ThrowIfLessThan(fault.Count, 1);
        lock (gate)
        {
            pending.Add(new Pending(fault) { Left = fault.Count });
        }
    }

    /// <summary>The status to answer this post with, if a queued fault applies to it; faults apply in the order queued.</summary>
    internal int? TakeFor(string connectionId)
    {
        lock (gate)
        {
            var match = pending.FirstOrDefault(fault => fault.Fault.ConnectionId is null || string.Equals(fault.Fault.ConnectionId, connectionId, StringComparison.Ordinal));
            if (match is null)
            {
                return null;
            }
            if (--match.Left == 0)
            {
                pending.Remove(match);
            }
            Interlocked.Increment(ref served);
            return match.Fault.Status;
        }
    }

    private sealed class Pending(ManagementApiFault fault)
    {
        public ManagementApiFault Fault { get; } = fault;

        public int Left { get; set; }
    }
}
