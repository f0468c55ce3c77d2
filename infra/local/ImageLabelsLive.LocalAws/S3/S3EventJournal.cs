using System.Text.Json;
using System.Text.Json.Serialization;
using ImageLabelsLive.LocalAws.Durability;

namespace ImageLabelsLive.LocalAws.S3;

/// <summary>
/// The ObjectCreated events S3 owes the notification function, on disk: an event line is fsync'd before the PUT that
/// caused it is answered, and a done line follows once the event was delivered or sent to the on-failure destination.
/// After a crash every event without a done line is delivered again (at least once; ProcessImage is idempotent).
/// </summary>
internal sealed class S3EventJournal : IDisposable
{
    private readonly AppendOnlyJournal _file;

    public S3EventJournal(string path)
    {
        _file = new AppendOnlyJournal(path);
    }

    public void Emitted(string id, byte[] payload) =>
        Write(new S3EventJournalEntry { Kind = S3EventJournalEntry.EventKind, Id = id, Payload = JsonDocument.Parse(payload).RootElement.Clone() });

    public void Done(string id) => Write(new S3EventJournalEntry { Kind = S3EventJournalEntry.DoneKind, Id = id });

    /// <summary>The events not yet done, oldest first; compacts the journal to them.</summary>
    public IReadOnlyList<(string Id, byte[] Payload)> TakePending()
    {
        var pending = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var line in _file.ReadLines())
        {
            S3EventJournalEntry? entry;
            try
            {
                entry = JsonSerializer.Deserialize(line, S3EventJournalJsonContext.Default.S3EventJournalEntry);
            }
            catch (JsonException)
            {
                continue; // Torn by a crash mid-write: its PUT was never answered.
            }
            if (entry?.Kind == S3EventJournalEntry.EventKind && entry.Payload is { } payload)
            {
                pending[entry.Id] = JsonSerializer.SerializeToUtf8Bytes(payload);
                order.Add(entry.Id);
            }
            else if (entry?.Kind == S3EventJournalEntry.DoneKind)
            {
                pending.Remove(entry.Id);
            }
        }
        var result = order.Where(pending.ContainsKey).Select(id => (id, pending[id])).ToArray();
        _file.Rewrite(result.Select(e => JsonSerializer.SerializeToUtf8Bytes(
            new S3EventJournalEntry { Kind = S3EventJournalEntry.EventKind, Id = e.id, Payload = JsonDocument.Parse(e.Item2).RootElement.Clone() },
            S3EventJournalJsonContext.Default.S3EventJournalEntry)));
        return result;
    }

    public void Dispose() => _file.Dispose();

    private void Write(S3EventJournalEntry entry) =>
        _file.Append(JsonSerializer.SerializeToUtf8Bytes(entry, S3EventJournalJsonContext.Default.S3EventJournalEntry));
}

/// <summary>One line of the S3 event journal: an event (with the exact payload the function gets) or its done mark.</summary>
internal sealed class S3EventJournalEntry
{
    public const string EventKind = "event";
    public const string DoneKind = "done";

    [JsonPropertyName("kind")]
    public required string Kind { get; init; }

    [JsonPropertyName("id")]
    public required string Id { get; init; }

    [JsonPropertyName("payload")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public JsonElement? Payload { get; init; }
}

[JsonSourceGenerationOptions(WriteIndented = false)]
[JsonSerializable(typeof(S3EventJournalEntry))]
internal sealed partial class S3EventJournalJsonContext : JsonSerializerContext;
