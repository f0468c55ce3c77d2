using System.Collections.Concurrent;
using System.Text;
using ImageLabelsLive.Core.Ports;

namespace ImageLabelsLive.Testing.Fakes;

/// <summary>Records what each connection received; chosen connections are gone, fail, or are slow.</summary>
public sealed class RecordingMessenger : IConnectionMessenger
{
    private int inFlight;

    public ConcurrentDictionary<string, List<string>> Received { get; } = new(StringComparer.Ordinal);
    public HashSet<string> Gone { get; } = new(StringComparer.Ordinal);
    public HashSet<string> Failing { get; } = new(StringComparer.Ordinal);
    public ConcurrentQueue<string> Closed { get; } = new();
    public TimeSpan Delay { get; set; }
    public int MaxInFlight { get; private set; }

    public Task CloseAsync(string connectionId, CancellationToken cancellationToken)
    {
        Closed.Enqueue(connectionId);
        return Task.CompletedTask;
    }

    public async Task<DeliveryResult> SendAsync(string connectionId, ReadOnlyMemory<byte> message, CancellationToken cancellationToken)
    {
        var now = Interlocked.Increment(ref inFlight);
        lock (Received)
        {
            MaxInFlight = Math.Max(MaxInFlight, now);
        }
        try
        {
            if (Delay > TimeSpan.Zero)
            {
                await Task.Delay(Delay, cancellationToken);
            }
            if (Gone.Contains(connectionId))
            {
                return DeliveryResult.Gone;
            }
            if (Failing.Contains(connectionId))
            {
                throw new HttpRequestException($"{connectionId} failed");
            }
            Received.GetOrAdd(connectionId, _ => []).Add(Encoding.UTF8.GetString(message.Span));
            return DeliveryResult.Delivered;
        }
        finally
        {
            Interlocked.Decrement(ref inFlight);
        }
    }
}
