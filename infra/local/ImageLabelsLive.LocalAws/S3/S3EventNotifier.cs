using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using ImageLabelsLive.LocalAws.Lambda;
using Microsoft.Extensions.Logging;

namespace ImageLabelsLive.LocalAws.S3;

/// <summary>
/// Sends ObjectCreated events to the notification function the way S3 and Lambda's asynchronous invoke do: the PUT does
/// not wait, each event is delivered on its own, and a failed invocation is retried after each configured delay
/// (twice by default) before the event is dropped. One log line per delivery, retry and drop.
/// </summary>
internal sealed class S3EventNotifier : IAsyncDisposable
{
    private readonly LocalS3Options options;
    private readonly ILambdaInvoker invoker;
    private readonly ILogger logger;
    private readonly TimeProvider time;
    private readonly CancellationTokenSource stopping = new();
    private readonly ConcurrentDictionary<long, Task> inFlight = new();
    private long nextDelivery;

    public S3EventNotifier(LocalS3Options options, ILambdaInvoker invoker, ILogger<S3EventNotifier> logger, TimeProvider time)
    {
        this.options = options;
        this.invoker = invoker;
        this.logger = logger;
        this.time = time;
    }

    /// <summary>Queues the event for delivery and returns at once.</summary>
    public void Publish(S3EventRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var id = Interlocked.Increment(ref nextDelivery);
        var payload = JsonSerializer.SerializeToUtf8Bytes(new S3EventNotification([record]), S3JsonContext.Default.S3EventNotification);
        var delivery = Task.Run(() => DeliverAsync(record, payload));
        inFlight[id] = delivery;
        // Added before this continuation exists, so the removal always finds it.
        delivery.ContinueWith(_ => inFlight.TryRemove(id, out Task? _), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
    }

    /// <summary>Completes when every queued event has been delivered or dropped.</summary>
    internal async Task WhenIdleAsync()
    {
        while (!inFlight.IsEmpty)
        {
            await Task.WhenAll(inFlight.Values).ConfigureAwait(false);
            // A finished delivery leaves the set a moment later, in its continuation.
            await Task.Delay(1).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync().ConfigureAwait(false);
        await WhenIdleAsync().ConfigureAwait(false);
        stopping.Dispose();
    }

    private async Task DeliverAsync(S3EventRecord record, byte[] payload)
    {
        var function = options.NotificationFunction;
        var what = $"S3 {record.EventName} {record.S3.Bucket.Name}/{record.S3.Object.Key} ({record.S3.Object.Size} B) -> {function}";
        var attempts = options.NotificationRetryDelays.Count + 1;
        for (var attempt = 1; attempt <= attempts; attempt++)
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                await invoker.InvokeAsync(function, payload, stopping.Token).ConfigureAwait(false);
                logger.LogInformation("{Event}: delivered (attempt {Attempt} of {Attempts}, {Milliseconds} ms)",
                    what, attempt, attempts, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                return;
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                logger.LogWarning("{Event}: not delivered, the host is stopping", what);
                return;
            }
#pragma warning disable CA1031 // Whatever the function throws is a failed invocation, which Lambda retries.
            catch (Exception error)
#pragma warning restore CA1031
            {
                if (attempt == attempts)
                {
                    logger.LogError("{Event}: failed (attempt {Attempt} of {Attempts}): {Error}; dropping the event",
                        what, attempt, attempts, error.Message);
                    return;
                }
                var delay = options.NotificationRetryDelays[attempt - 1];
                logger.LogWarning("{Event}: failed (attempt {Attempt} of {Attempts}): {Error}; retrying in {Delay} s",
                    what, attempt, attempts, error.Message, delay.TotalSeconds);
                try
                {
                    await Task.Delay(delay, time, stopping.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    logger.LogWarning("{Event}: retry abandoned, the host is stopping", what);
                    return;
                }
            }
        }
    }
}
