using System.Globalization;
using System.Text.Json;
using ImageLabelsLive.LocalAws.DynamoDB;

namespace ImageLabelsLive.LocalAws.DynamoDBStreams;

/// <summary>
/// The streams of the streamed tables: turns each item change the DynamoDB proxy observed into one stream record
/// with the next sequence number, and hands it to every consumer of that table's stream. Records live in memory
/// only: what is not yet delivered when the host stops is lost.
/// </summary>
public sealed class LocalDynamoDbStreams
{
    private readonly object _appendLock = new();
    private readonly LocalDynamoDbOptions _options;
    private readonly TimeProvider _time;
    private readonly IReadOnlyList<EventSourceMapping> _mappings;
    private readonly Dictionary<string, TableStream> _tables;
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
    }

    internal IReadOnlyList<EventSourceMapping> Mappings => _mappings;

    /// <summary>Whether writes to <paramref name="tableName"/> produce stream records.</summary>
    public bool HasStream(string tableName) => _tables.ContainsKey(tableName);

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
        IReadOnlyDictionary<string, JsonElement>? newItem)
    {
        if (!_tables.TryGetValue(tableName, out var stream) || (oldItem is null && newItem is null))
        {
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
