using System.Collections.Concurrent;
using ImageLabelsLive.Core.Ports;

namespace ImageLabelsLive.Core.PushResults;

/// <summary>
/// Posts one message to many connections in parallel with bounded concurrency. A gone connection is deleted (after its
/// opening grace period); a failing one never stops the others and is reported.
/// </summary>
public sealed class ConnectionFanOut(IConnectionStore connections, IConnectionMessenger messenger, int maxConcurrency)
{
    public async Task<PushReport> PostAsync(IEnumerable<string> connectionIds, ReadOnlyMemory<byte> message, CancellationToken cancellationToken)
    {
        var delivered = 0;
        var gone = 0;
        var failures = new ConcurrentQueue<Exception>();
        var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, maxConcurrency), CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(connectionIds, options, async (connectionId, token) =>
        {
            try
            {
                if (await messenger.SendAsync(connectionId, message, token).ConfigureAwait(false) == DeliveryResult.Gone)
                {
                    Interlocked.Increment(ref gone);
                    await connections.DeleteGoneAsync(connectionId, token).ConfigureAwait(false);
                }
                else
                {
                    Interlocked.Increment(ref delivered);
                }
            }
            catch (Exception failure) when (failure is not OperationCanceledException)
            {
                failures.Enqueue(failure);
            }
        }).ConfigureAwait(false);
        return new PushReport(delivered, gone, failures.ToArray());
    }
}
