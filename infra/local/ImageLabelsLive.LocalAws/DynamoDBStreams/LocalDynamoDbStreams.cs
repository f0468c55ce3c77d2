using System.Globalization;
using System.Text.Json;
using ImageLabelsLive.LocalAws.DynamoDB;
using ImageLabelsLive.LocalAws.Durability;

namespace ImageLabelsLive.LocalAws.DynamoDBStreams;

/// <summary>
/// The streams of the streamed tables: turns each item change the DynamoDB proxy observed into one stream record
/// with the next sequence number, and hands it to every consumer of that table's stream. With a journal
/// (<see cref="LocalDynamoDbOptions.JournalDirectory"/>) every record is on disk before any consumer sees it, each
/// consumer's checkpoint is saved after each batch, and <see cref="RecoverAsync"/> hands a restarted host what was
/// not yet handled; without one, records live in memory only.
/// </summary>
public sealed class LocalDynamoDbStreams : IDisposable
{
    private readonly object _appendLock = new();
    private readonly LocalDynamoDbOptions _options;
    private readonly TimeProvider _time;
    private readonly IReadOnlyList<EventSourceMapping> _mappings;
    private readonly Dictionary<string, TableStream> _tables;
    private readonly StreamJournal? _journal;
    private readonly TaskCompletionSource _recovered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _lastSequenceNumber;

    internal LocalDynamoDbStreams(LocalDynamoDbOptions options, IEnumerable<EventSourceMapping> mappings, TimeProvider time)
    {
        _options = options;
        _time = time;
        _mappings = mappings.ToArray();
        _tables = options.EffectiveStreamedTables.ToDictionary(
            t => t.TableName, t => new TableStream(t), StringComparer.Ordinal);
        foreach (var mapping in _mappings)
        {
            if (!_tables.ContainsKey(mapping.Options.TableName))
            {
                throw new InvalidOperationException(
                    $"The event source mapping for {mapping.Options.FunctionName} reads table {mapping.Options.TableName}, which has no stream; streamed tables: {string.Join(", ", _tables.Keys)}.");
            }
        }
        // Start from the clock (microsecond resolution) so that sequence numbers keep increasing across restarts.
        _lastSequenceNumber = time.GetUtcNow().ToUnixTimeMilliseconds() * 1000;
        if (options.JournalDirectory is { } directory)
        {
            _journal = new StreamJournal(Path.Combine(directory, "stream-records.jsonl"));
            Checkpoints = new CheckpointStore(Path.Combine(directory, "checkpoints"));
            foreach (var mapping in _mappings)
            {
                mapping.Checkpoints = Checkpoints;
            }
        }
        else
        {
            _recovered.SetResult();
        }
    }

    internal StreamJournal? Journal => _journal;

    internal CheckpointStore? Checkpoints { get; }

    /// <summary>Completes once a journaled stream has been recovered; writes to streamed tables wait for it.</summary>
    internal Task Recovered => _recovered.Task;

    /// <summary>
    /// After a start on an existing data folder: hands each consumer the journaled records past its checkpoint and
    /// resolves writes that were under way at the crash (see <see cref="StreamRecovery"/>). Call once dynalite answers.
    /// </summary>
    public async Task<StreamRecoverySummary> RecoverAsync(Microsoft.Extensions.Logging.ILogger logger, CancellationToken cancellationToken)
    {
        if (_journal is null || _recovered.Task.IsCompleted)
        {
            return new StreamRecoverySummary(0, 0, 0);
        }
        using var dynalite = new DynaliteClient(_options);
        var summary = await new StreamRecovery(this, _journal, Checkpoints!, dynalite, logger).RunAsync(cancellationToken).ConfigureAwait(false);
        _recovered.TrySetResult();
        return summary;
    }

    /// <summary>Whether every consumer has handled (or given up on) every record it was given.</summary>
    public bool IsIdle => _mappings.All(m => m.Status().Pending == 0);

    private readonly CancellationTokenSource _stopDelivering = new();

    internal CancellationToken DeliveryStopping => _stopDelivering.Token;

    private Task _delivering = Task.CompletedTask;

    /// <summary>The consumers' delivery loops, as the runner started them: a stop waits for them to end.</summary>
    internal void DeliveringIn(Task loops) => _delivering = loops;

    /// <summary>
    /// Stops every consumer taking new batches and waits for the invocations under way (each is given
    /// <see cref="EventSourceMapping.InFlightGraceOnStop"/>, then abandoned), while the endpoints they call are still
    /// up. A host stops Kestrel before its background services, so without this an invocation finishing late could
    /// publish an email and then fail to mark it sent, and the restart would send it again. What is not delivered
    /// stays journaled.
    /// </summary>
    public async Task StopDeliveringAsync()
    {
        await _stopDelivering.CancelAsync().ConfigureAwait(false);
        try
        {
            await _delivering.WaitAsync(EventSourceMapping.InFlightGraceOnStop + TimeSpan.FromSeconds(1)).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
        {
            // Ended by the stop, or still ending: either way nothing more is delivered.
        }
    }

    /// <summary>Sequence numbers continue after the journal's, whatever the clock says.</summary>
    internal void ContinueAfter(long sequenceNumber)
    {
        lock (_appendLock)
        {
            _lastSequenceNumber = Math.Max(_lastSequenceNumber, sequenceNumber);
        }
    }

    /// <summary>Journals the intent to write an item (null without a journal); see <see cref="StreamJournal"/>.</summary>
    internal long? WriteIntent(string tableName, string streamArn, IReadOnlyList<string> keyNames,
        IReadOnlyDictionary<string, JsonElement> key, IReadOnlyDictionary<string, JsonElement>? before) =>
        _journal?.WriteIntent(tableName, streamArn, keyNames, key, before);

    /// <summary>Settles an intent whose write produced no record.</summary>
    internal void Settle(long? intent)
    {
        if (intent is { } id)
        {
            _journal?.Settle(id);
        }
    }

    internal IReadOnlyList<EventSourceMapping> Mappings => _mappings;

    /// <summary>Whether writes to <paramref name="tableName"/> produce stream records.</summary>
    public bool HasStream(string tableName) => _tables.ContainsKey(tableName);

    /// <summary>The view type of the table's stream (NEW_AND_OLD_IMAGES, …), or null when it has none.</summary>
    public string? StreamViewTypeOf(string tableName) => _tables.TryGetValue(tableName, out var stream) ? stream.Table.StreamViewType : null;

    /// <summary>Counters for /health: records produced per table, and each consumer's progress.</summary>
    public LocalDynamoDbStreamsStatus GetStatus() => new(
        _tables.Values.Select(t => new TableStreamStatus(t.Table.TableName, t.Table.StreamViewType, Interlocked.Read(ref t.Produced))).ToArray(),
        _mappings.Select(m => m.Status()).ToArray());

    /// <summary>
    /// Appends the change of one item. The caller holds the item's lock, so records of one key are appended in
    /// write order; the append lock keeps sequence numbers increasing in every consumer's queue.
    /// </summary>
    internal DynamoDbStreamRecord? Append(
        string tableName,
        string streamArn,
        IReadOnlyList<string> keyNames,
        IReadOnlyDictionary<string, JsonElement>? oldItem,
        IReadOnlyDictionary<string, JsonElement>? newItem,
        long? intent = null)
    {
        if (!_tables.TryGetValue(tableName, out var stream) || (oldItem is null && newItem is null))
        {
            Settle(intent);
            return null;
        }
        var viewType = stream.Table.StreamViewType;
        var source = newItem ?? oldItem!;
        var keys = new Dictionary<string, JsonElement>(keyNames.Count, StringComparer.Ordinal);
        foreach (var name in keyNames)
        {
            if (source.TryGetValue(name, out var value))
            {
                keys[name] = value;
            }
        }
        var newImage = StreamViewTypes.CarriesNewImage(viewType) ? newItem : null;
        var oldImage = StreamViewTypes.CarriesOldImage(viewType) ? oldItem : null;
        var now = _time.GetUtcNow();

        lock (_appendLock)
        {
            var record = new DynamoDbStreamRecord
            {
                EventId = Guid.NewGuid().ToString("N"),
                EventName = oldItem is null ? "INSERT" : newItem is null ? "REMOVE" : "MODIFY",
                AwsRegion = _options.Region,
                EventSourceArn = streamArn,
                Dynamodb = new DynamoDbStreamRecordData
                {
                    ApproximateCreationDateTime = now.ToUnixTimeSeconds(),
                    Keys = keys,
                    NewImage = newImage,
                    OldImage = oldImage,
                    SequenceNumber = (++_lastSequenceNumber).ToString("D21", CultureInfo.InvariantCulture),
                    SizeBytes = DynamoDbItemSize.Of(keys) + DynamoDbItemSize.Of(newImage) + DynamoDbItemSize.Of(oldImage),
                    StreamViewType = viewType,
                },
            };
            // On disk before any consumer can see it: a record is emitted only once it survives a crash.
            _journal?.WriteRecord(tableName, record, now, intent);
            Interlocked.Increment(ref stream.Produced);
            var queued = new QueuedStreamRecord(record, now);
            foreach (var mapping in _mappings)
            {
                if (string.Equals(mapping.Options.TableName, tableName, StringComparison.Ordinal))
                {
                    mapping.Enqueue(queued);
                }
            }
            return record;
        }
    }

    /// <summary>Gives recovered records, in journal order, to the consumers whose checkpoint is before them.</summary>
    internal void Redeliver(JournaledRecord journaled, IReadOnlyDictionary<string, long> checkpoints)
    {
        var sequence = long.Parse(journaled.Record.Dynamodb.SequenceNumber, CultureInfo.InvariantCulture);
        if (_tables.TryGetValue(journaled.TableName, out var stream))
        {
            Interlocked.Increment(ref stream.Produced);
        }
        foreach (var mapping in _mappings)
        {
            if (string.Equals(mapping.Options.TableName, journaled.TableName, StringComparison.Ordinal)
                && sequence > checkpoints.GetValueOrDefault(mapping.Options.FunctionName))
            {
                mapping.Enqueue(new QueuedStreamRecord(journaled.Record, journaled.ProducedAt));
            }
        }
    }

    public void Dispose()
    {
        _journal?.Dispose();
        _stopDelivering.Dispose();
    }

    private sealed class TableStream(StreamedTable table)
    {
        public StreamedTable Table { get; } = table;

#pragma warning disable CA1051 // A counter updated with Interlocked must be a field.
        public long Produced;
#pragma warning restore CA1051
    }
}

/// <summary>What /health shows about the streams.</summary>
public sealed record LocalDynamoDbStreamsStatus(IReadOnlyList<TableStreamStatus> Tables, IReadOnlyList<EventSourceMappingStatus> Consumers);

/// <summary>One streamed table: its view type and how many records its writes produced.</summary>
public sealed record TableStreamStatus(string TableName, string StreamViewType, long RecordsProduced);
