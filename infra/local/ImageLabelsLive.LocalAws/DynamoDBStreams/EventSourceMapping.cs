using System.Threading.Channels;
using ImageLabelsLive.LocalAws.Lambda;
using Microsoft.Extensions.Logging;

namespace ImageLabelsLive.LocalAws.DynamoDBStreams;

/// <summary>
/// One consumer's view of a stream: its own queue, read strictly in order, one batch at a time, as Lambda reads a
/// single shard. A batch is finished (every record delivered or sent to the on-failure destination) before the next
/// is read, so no record reaches the function before every earlier record of its key was handled.
/// </summary>
internal sealed class EventSourceMapping
{
    /// <summary>How long a stop waits for an invocation under way before abandoning it (inside the host's shutdown timeout).</summary>
    internal static readonly TimeSpan InFlightGraceOnStop = TimeSpan.FromSeconds(3);

    private readonly Channel<QueuedStreamRecord> _queue =
        Channel.CreateUnbounded<QueuedStreamRecord>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ILambdaInvoker _invoker;
    private readonly StreamFailureDestination _failures;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private long _received;
    private long _delivered;
    private long _retried;
    private long _failed;
    private long _invocations;
    private volatile ErrorNote? _lastError;

    public EventSourceMapping(
        EventSourceMappingOptions options,
        ILambdaInvoker invoker,
        StreamFailureDestination failures,
        ILogger logger,
        TimeProvider time)
    {
        options.Validate();
        Options = options;
        _invoker = invoker;
        _failures = failures;
        _logger = logger;
        _time = time;
    }

    public EventSourceMappingOptions Options { get; }

    /// <summary>Where this consumer saves its position after each batch; null keeps no position.</summary>
    internal Durability.CheckpointStore? Checkpoints { get; set; }

    public void Enqueue(QueuedStreamRecord record)
    {
        Interlocked.Increment(ref _received);
        _queue.Writer.TryWrite(record);
    }

    public EventSourceMappingStatus Status()
    {
        var received = Interlocked.Read(ref _received);
        var delivered = Interlocked.Read(ref _delivered);
        var failed = Interlocked.Read(ref _failed);
        var lastError = _lastError;
        return new EventSourceMappingStatus(
            Options.FunctionName,
            Options.TableName,
            received,
            delivered,
            Interlocked.Read(ref _retried),
            failed,
            received - delivered - failed,
            Interlocked.Read(ref _invocations),
            lastError?.Message,
            lastError?.At);
    }

    /// <summary>Reads and delivers until <paramref name="stoppingToken"/> fires; with a journal, undelivered records wait on disk.</summary>
    public async Task RunAsync(CancellationToken stoppingToken)
    {
        var batch = new List<QueuedStreamRecord>(Math.Min(Options.BatchSize, 1024));
        while (await _queue.Reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
        {
            Take(batch);
            if (batch.Count < Options.BatchSize && Options.MaximumBatchingWindow > TimeSpan.Zero)
            {
                await GatherAsync(batch, stoppingToken).ConfigureAwait(false);
            }
            await ProcessBatchAsync(batch, stoppingToken).ConfigureAwait(false);
            // Only after the whole batch is handled: a crash before this line delivers the batch again (at least once).
            Checkpoints?.Write(Options.FunctionName, batch[^1].Record.Dynamodb.SequenceNumber);
            batch.Clear();
        }
    }

    private void Take(List<QueuedStreamRecord> batch)
    {
        while (batch.Count < Options.BatchSize && _queue.Reader.TryRead(out var record))
        {
            batch.Add(record);
        }
    }

    private async Task GatherAsync(List<QueuedStreamRecord> batch, CancellationToken stoppingToken)
    {
        using var window = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        window.CancelAfter(Options.MaximumBatchingWindow);
        try
        {
            while (batch.Count < Options.BatchSize && await _queue.Reader.WaitToReadAsync(window.Token).ConfigureAwait(false))
            {
                Take(batch);
            }
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            // The batching window closed: deliver what was gathered.
        }
    }

    /// <summary>
    /// Delivers one batch until every record is either handled or given up on. Failed parts are kept at the front of
    /// the work list, so records are always delivered in order.
    /// </summary>
    private async Task ProcessBatchAsync(List<QueuedStreamRecord> batch, CancellationToken stoppingToken)
    {
        var work = new LinkedList<Attempt>();
        work.AddFirst(new Attempt(batch.ToArray(), Retries: 0, IsRetry: false));
        while (work.First is { } first)
        {
            work.RemoveFirst();
            var attempt = first.Value;
            var records = await DropExpiredAsync(attempt.Records, attempt.Retries).ConfigureAwait(false);
            if (records.Length == 0)
            {
                continue;
            }
            if (attempt.IsRetry)
            {
                Interlocked.Add(ref _retried, records.Length);
            }

            var outcome = await DeliverAsync(records, stoppingToken).ConfigureAwait(false);
            if (outcome.Error is null)
            {
                Interlocked.Add(ref _delivered, records.Length);
                continue;
            }

            NoteError(outcome.Error);
            if (outcome.FailedFrom is { } from)
            {
                // A reported item failure: everything before it is done; retry from it (Lambda's checkpoint).
                Interlocked.Add(ref _delivered, from);
                var rest = records[from..];
                var retries = from == 0 ? attempt.Retries + 1 : 1;
                if (Exhausted(retries))
                {
                    await GiveUpAsync(rest[..1], outcome.Error, retries).ConfigureAwait(false);
                    if (rest.Length > 1)
                    {
                        work.AddFirst(new Attempt(rest[1..], Retries: 0, IsRetry: true));
                    }
                }
                else
                {
                    await BackoffAsync(retries, stoppingToken).ConfigureAwait(false);
                    work.AddFirst(new Attempt(rest, retries, IsRetry: true));
                }
            }
            else if (Options.BisectBatchOnFunctionError && records.Length > 1)
            {
                var half = records.Length / 2;
                work.AddFirst(new Attempt(records[half..], attempt.Retries, IsRetry: true));
                work.AddFirst(new Attempt(records[..half], attempt.Retries, IsRetry: true));
            }
            else
            {
                var retries = attempt.Retries + 1;
                if (Exhausted(retries))
                {
                    await GiveUpAsync(records, outcome.Error, retries).ConfigureAwait(false);
                }
                else
                {
                    await BackoffAsync(retries, stoppingToken).ConfigureAwait(false);
                    work.AddFirst(new Attempt(records, retries, IsRetry: true));
                }
            }
        }
    }

    private bool Exhausted(int retries) => Options.MaximumRetryAttempts >= 0 && retries > Options.MaximumRetryAttempts;

    private async Task<QueuedStreamRecord[]> DropExpiredAsync(QueuedStreamRecord[] records, int retries)
    {
        if (Options.MaximumRecordAge is not { } maximumAge)
        {
            return records;
        }
        var now = _time.GetUtcNow();
        var expired = records.Where(r => now - r.ProducedAt > maximumAge).ToArray();
        if (expired.Length == 0)
        {
            return records;
        }
        await GiveUpAsync(expired, $"Record is older than the maximum record age ({maximumAge}).", retries, "RecordAgeExceeded")
            .ConfigureAwait(false);
        return records.Where(r => now - r.ProducedAt <= maximumAge).ToArray();
    }

    /// <summary>Invokes the function (DuplicateDeliveries times) and reads its answer as Lambda does.</summary>
    private async Task<StreamBatchOutcome> DeliverAsync(QueuedStreamRecord[] records, CancellationToken stoppingToken)
    {
        var payload = StreamLambdaEvent.Serialize(records.Select(r => r.Record));
        for (var delivery = 0; delivery < Options.DuplicateDeliveries; delivery++)
        {
            var outcome = await InvokeAndReadAsync(records, payload, stoppingToken).ConfigureAwait(false);
            if (outcome.Error is not null)
            {
                return outcome;
            }
        }
        return StreamBatchOutcome.Success;
    }

    private async Task<StreamBatchOutcome> InvokeAndReadAsync(QueuedStreamRecord[] records, byte[] payload, CancellationToken stoppingToken)
    {
        Interlocked.Increment(ref _invocations);
        var started = _time.GetTimestamp();
        byte[] response;
        using var timeout = new CancellationTokenSource(Options.FunctionTimeout);
        // A stop lets an invocation under way finish for a moment instead of abandoning it at once: abandoned between
        // an email's publish and its sent mark, it would leave that email to be sent again after the restart.
        using var abandon = new CancellationTokenSource();
        using var onStop = stoppingToken.Register(() => abandon.CancelAfter(InFlightGraceOnStop));
        try
        {
            // WaitAsync also abandons a function that ignores its token.
            response = await _invoker.InvokeAsync(Options.FunctionName, payload, timeout.Token)
                .WaitAsync(Options.FunctionTimeout, abandon.Token)
                .ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (abandon.IsCancellationRequested)
        {
            throw new OperationCanceledException(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
        {
            return StreamBatchOutcome.Failure($"Task timed out after {Options.FunctionTimeout.TotalSeconds:0.##} seconds");
        }
#pragma warning disable CA1031 // Whatever a function throws is a function error, as Lambda reports it.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return StreamBatchOutcome.Failure($"{ex.GetType().Name}: {ex.Message}");
        }
        var outcome = Options.ReportBatchItemFailures ? StreamBatchOutcome.FromResponse(records, response) : StreamBatchOutcome.Success;
        if (outcome.Error is null)
        {
            _logger.LogInformation(
                "Stream {Table} -> {FunctionName}: {Count} records ({First}..{Last}) handled in {Elapsed:0} ms",
                Options.TableName, Options.FunctionName, records.Length, records[0].Record.Dynamodb.SequenceNumber,
                records[^1].Record.Dynamodb.SequenceNumber, _time.GetElapsedTime(started).TotalMilliseconds);
        }
        return outcome;
    }

    private async Task GiveUpAsync(QueuedStreamRecord[] records, string error, int attempts, string condition = "RetryAttemptsExhausted")
    {
        Interlocked.Add(ref _failed, records.Length);
        foreach (var record in records)
        {
            _logger.LogError(
                "Stream record {SequenceNumber} ({EventName}) for {FunctionName} sent to the on-failure destination after {Attempts} attempts: {Error}",
                record.Record.Dynamodb.SequenceNumber, record.Record.EventName, Options.FunctionName, attempts, error);
            await _failures.WriteAsync(Options.OnFailureDestinationPath, new StreamFailureEntry
            {
                Timestamp = _time.GetUtcNow(),
                FunctionName = Options.FunctionName,
                Condition = condition,
                Error = error,
                Attempts = attempts,
                Record = record.Record,
            }).ConfigureAwait(false);
        }
    }

    private Task BackoffAsync(int retries, CancellationToken stoppingToken)
    {
        var factor = Math.Pow(2, Math.Min(retries - 1, 30));
        var delay = TimeSpan.FromTicks((long)Math.Min(Options.RetryBackoff.Ticks * factor, Options.MaximumRetryBackoff.Ticks));
        return delay > TimeSpan.Zero ? Task.Delay(delay, _time, stoppingToken) : Task.CompletedTask;
    }

    private void NoteError(string error)
    {
        _lastError = new ErrorNote(error, _time.GetUtcNow());
        _logger.LogWarning("Stream batch for {FunctionName} failed: {Error}", Options.FunctionName, error);
    }

    private sealed record ErrorNote(string Message, DateTimeOffset At);

    private sealed record Attempt(QueuedStreamRecord[] Records, int Retries, bool IsRetry);
}
