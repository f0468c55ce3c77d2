using System.Text.Json;
using System.Text.Json.Serialization;
using ImageLabelsLive.LocalAws.Durability;

namespace ImageLabelsLive.LocalAws.DynamoDBStreams;

/// <summary>
/// The streams' write-ahead log in the data folder. Before the DynamoDB proxy forwards a write to a streamed table it
/// journals an intent (the item's key and its image before the write); once it has read the item after the write it
/// journals the stream record, which settles the intent, before any consumer sees the record. A write that changed
/// nothing settles its intent with no record. An intent still open after a crash is resolved by
/// <see cref="StreamRecovery"/> against the item dynalite actually holds.
/// </summary>
internal sealed class StreamJournal : IDisposable
{
    private readonly AppendOnlyJournal _file;
    private long _lastIntent;

    public StreamJournal(string path)
    {
        _file = new AppendOnlyJournal(path);
    }

    /// <summary>Journals the intent to write one item; returns its id, for <see cref="Settle"/> and the record.</summary>
    public long WriteIntent(string tableName, string streamArn, IReadOnlyList<string> keyNames,
        IReadOnlyDictionary<string, JsonElement> key, IReadOnlyDictionary<string, JsonElement>? before)
    {
        var id = Interlocked.Increment(ref _lastIntent);
        Write(new StreamJournalEntry
        {
            Kind = StreamJournalEntry.IntentKind,
            Intent = id,
            TableName = tableName,
            StreamArn = streamArn,
            KeyNames = keyNames,
            Key = key,
            Before = before,
        });
        return id;
    }

    /// <summary>Journals a stream record (settling its intent, if any); the caller enqueues it only after this returns.</summary>
    public void WriteRecord(string tableName, DynamoDbStreamRecord record, DateTimeOffset producedAt, long? intent) =>
        Write(new StreamJournalEntry { Kind = StreamJournalEntry.RecordKind, Intent = intent, TableName = tableName, Record = record, ProducedAt = producedAt });

    /// <summary>Settles an intent whose write was refused or changed nothing: it has no record.</summary>
    public void Settle(long intent) => Write(new StreamJournalEntry { Kind = StreamJournalEntry.SettledKind, Intent = intent });

    /// <summary>What the journal holds: its records in sequence order, and the intents no record or settlement closed.</summary>
    public JournalContents Load()
    {
        var records = new List<JournaledRecord>();
        var intents = new Dictionary<long, StreamJournalEntry>();
        foreach (var line in _file.ReadLines())
        {
            StreamJournalEntry? entry;
            try
            {
                entry = JsonSerializer.Deserialize(line, StreamJournalJsonContext.Default.StreamJournalEntry);
            }
            catch (JsonException)
            {
                continue; // A line torn by a crash: it was never acknowledged.
            }
            if (entry is null)
            {
                continue;
            }
            if (entry.Intent is { } id)
            {
                _lastIntent = Math.Max(_lastIntent, id);
            }
            switch (entry.Kind)
            {
                case StreamJournalEntry.IntentKind when entry.Intent is { } opened:
                    intents[opened] = entry;
                    break;
                case StreamJournalEntry.RecordKind when entry.Record is not null && entry.TableName is not null:
                    records.Add(new JournaledRecord(entry.TableName, entry.Record, entry.ProducedAt ?? DateTimeOffset.UnixEpoch));
                    if (entry.Intent is { } recorded)
                    {
                        intents.Remove(recorded);
                    }
                    break;
                case StreamJournalEntry.SettledKind when entry.Intent is { } settled:
                    intents.Remove(settled);
                    break;
            }
        }
        return new JournalContents(records, intents.Values.OrderBy(i => i.Intent).ToArray());
    }

    /// <summary>Keeps only <paramref name="records"/> (those some consumer has not yet handled); drops settled history.</summary>
    public void Compact(IEnumerable<JournaledRecord> records, IEnumerable<StreamJournalEntry> openIntents) =>
        _file.Rewrite(openIntents
            .Concat(records.Select(r => new StreamJournalEntry { Kind = StreamJournalEntry.RecordKind, TableName = r.TableName, Record = r.Record, ProducedAt = r.ProducedAt }))
            .Select(entry => JsonSerializer.SerializeToUtf8Bytes(entry, StreamJournalJsonContext.Default.StreamJournalEntry)));

    public void Dispose() => _file.Dispose();

    private void Write(StreamJournalEntry entry) =>
        _file.Append(JsonSerializer.SerializeToUtf8Bytes(entry, StreamJournalJsonContext.Default.StreamJournalEntry));
}

internal sealed record JournaledRecord(string TableName, DynamoDbStreamRecord Record, DateTimeOffset ProducedAt);

internal sealed record JournalContents(IReadOnlyList<JournaledRecord> Records, IReadOnlyList<StreamJournalEntry> OpenIntents);

/// <summary>One line of the stream journal: an intent, a record, or the settlement of an intent without a record.</summary>
internal sealed class StreamJournalEntry
{
    public const string IntentKind = "intent";
    public const string RecordKind = "record";
    public const string SettledKind = "settled";

    [JsonPropertyName("kind")]
    public required string Kind { get; init; }

    [JsonPropertyName("intent")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? Intent { get; init; }

    [JsonPropertyName("table")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? TableName { get; init; }

    [JsonPropertyName("streamArn")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? StreamArn { get; init; }

    [JsonPropertyName("keyNames")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? KeyNames { get; init; }

    [JsonPropertyName("key")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, JsonElement>? Key { get; init; }

    /// <summary>The item before the write; absent when it did not exist (an intent's "before" is then null).</summary>
    [JsonPropertyName("before")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, JsonElement>? Before { get; init; }

    [JsonPropertyName("record")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DynamoDbStreamRecord? Record { get; init; }

    [JsonPropertyName("producedAt")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? ProducedAt { get; init; }
}

[JsonSourceGenerationOptions(WriteIndented = false)]
[JsonSerializable(typeof(StreamJournalEntry))]
internal sealed partial class StreamJournalJsonContext : JsonSerializerContext;
