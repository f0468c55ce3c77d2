using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Amazon.Lambda.S3Events;
using ImageLabelsLive.LocalAws.Lambda;
using Microsoft.Extensions.Logging;

namespace ImageLabelsLive.LocalAws.S3;

/// <summary>
/// Sends ObjectCreated events to the notification function the way S3 and Lambda's asynchronous invoke do: the PUT does
/// not wait, each event is delivered on its own, and a failed invocation is retried after each configured delay
/// (twice by default) before the event goes to the on-failure destination, if one is configured. One log line per
/// delivery, retry and give-up.
/// </summary>
internal sealed class S3EventNotifier : IAsyncDisposable
{
    private readonly LocalS3Options options;
    private readonly ILambdaInvoker invoker;
    private readonly ILogger logger;
    private readonly TimeProvider time;
    private readonly CancellationTokenSource stopping = new();
    private readonly ConcurrentDictionary<long, Task> inFlight = new();
    private readonly SemaphoreSlim failureFile = new(1, 1);
    private readonly S3EventJournal? journal;
    private long nextDelivery;

    public S3EventNotifier(LocalS3Options options, ILambdaInvoker invoker, ILogger<S3EventNotifier> logger, TimeProvider time)
    {
        this.options = options;
        this.invoker = invoker;
        this.logger = logger;
        this.time = time;
        journal = options.NotificationJournalPath is { } path ? new S3EventJournal(path) : null;
    }

    /// <summary>Queues the event for delivery (<see cref="LocalS3Options.NotificationDeliveries"/> times) and returns at once.</summary>
    public void Publish(S3Event.S3EventNotificationRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var payload = JsonSerializer.SerializeToUtf8Bytes(new S3Event { Records = [record] }, S3EventJson.Wire.S3Event);
        for (var copy = 0; copy < options.NotificationDeliveries; copy++)
        {
            var journalId = Guid.NewGuid().ToString("N");
            // On disk before the PUT is answered: an acknowledged upload always gets its event, even after a crash.
            journal?.Emitted(journalId, payload);
            Start(record, payload, journalId);
        }
    }

    /// <summary>Delivers the journaled events a crash or a stop left undelivered; returns how many.</summary>
    public int ReplayJournaled()
    {
        if (journal is null)
        {
            return 0;
        }
        var pending = journal.TakePending();
        foreach (var (journalId, payload) in pending)
        {
            var notification = JsonSerializer.Deserialize(payload, S3EventJson.Wire.S3Event);
            if (notification?.Records is [var record, ..])
            {
                Start(record, payload, journalId);
            }
            else
            {
                journal.Done(journalId);
            }
        }
        return pending.Count;
    }

    private void Start(S3Event.S3EventNotificationRecord record, byte[] payload, string journalId)
    {
        var id = Interlocked.Increment(ref nextDelivery);
        var delivery = Task.Run(async () =>
        {
            if (await DeliverAsync(record, payload).ConfigureAwait(false))
            {
                journal?.Done(journalId);
            }
        });
        inFlight[id] = delivery;
        // Added before this continuation exists, so the removal always finds it.
        delivery.ContinueWith(_ => inFlight.TryRemove(id, out Task? _), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
    }

    /// <summary>Whether no event is being delivered or waiting for a retry.</summary>
    internal bool IsIdle => inFlight.IsEmpty;

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
        failureFile.Dispose();
        journal?.Dispose();
    }

    /// <summary>True once the event is settled (delivered, or written to the on-failure destination); false when the host stopped first.</summary>
    private async Task<bool> DeliverAsync(S3Event.S3EventNotificationRecord record, byte[] payload)
    {
        var function = options.NotificationFunction;
        var what = $"S3 {record.EventName} {record.S3?.Bucket?.Name}/{record.S3?.Object?.Key} ({record.S3?.Object?.Size} B) -> {function}";
        var attempts = options.NotificationRetryDelays.Count + 1;
        for (var attempt = 1; attempt <= attempts; attempt++)
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                await invoker.InvokeAsync(function, payload, stopping.Token).ConfigureAwait(false);
                logger.LogInformation("{Event}: delivered (attempt {Attempt} of {Attempts}, {Milliseconds} ms)",
                    what, attempt, attempts, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                return true;
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                logger.LogWarning("{Event}: not delivered, the host is stopping{Journaled}", what, journal is null ? "" : "; it is delivered at the next start");
                return false;
            }
#pragma warning disable CA1031 // Whatever the function throws is a failed invocation, which Lambda retries.
            catch (Exception error)
#pragma warning restore CA1031
            {
                if (attempt == attempts)
                {
                    logger.LogError("{Event}: failed (attempt {Attempt} of {Attempts}): {Error}; {Outcome}",
                        what, attempt, attempts, error.Message,
                        options.NotificationFailureDestinationPath is null ? "dropping the event" : "sending it to the on-failure destination");
                    await WriteFailureAsync(payload, attempts, error).ConfigureAwait(false);
                    return true;
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
                    return false;
                }
            }
        }
        return false;
    }

    /// <summary>
    /// Appends the event to the on-failure destination in the shape Lambda gives an asynchronous invocation's
    /// destination: requestContext (condition RetriesExhausted), the original payload, and the error.
    /// </summary>
    private async Task WriteFailureAsync(byte[] payload, int attempts, Exception error)
    {
        if (options.NotificationFailureDestinationPath is not { } path)
        {
            return;
        }
        using var line = new MemoryStream();
        using (var json = new Utf8JsonWriter(line))
        {
            json.WriteStartObject();
            json.WriteString("version", "1.0");
            json.WriteString("timestamp", time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture));
            json.WriteStartObject("requestContext");
            json.WriteString("requestId", Guid.NewGuid().ToString());
            json.WriteString("functionArn", options.NotificationFunction);
            json.WriteString("condition", "RetriesExhausted");
            json.WriteNumber("approximateInvokeCount", attempts);
            json.WriteEndObject();
            json.WritePropertyName("requestPayload");
            json.WriteRawValue(payload, skipInputValidation: true);
            json.WriteStartObject("responseContext");
            json.WriteString("functionError", "Unhandled");
            json.WriteEndObject();
            json.WriteStartObject("responsePayload");
            json.WriteString("errorType", error.GetType().Name);
            json.WriteString("errorMessage", error.Message);
            json.WriteEndObject();
            json.WriteEndObject();
        }
        line.WriteByte((byte)'\n');
        await failureFile.WaitAsync().ConfigureAwait(false);
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            await using var file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read);
            await file.WriteAsync(line.ToArray()).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // The event is already logged in full; a full disk must not stop deliveries.
            logger.LogError(exception, "Could not append to the S3 notification on-failure destination {Path}", path);
        }
        finally
        {
            failureFile.Release();
        }
    }
}
