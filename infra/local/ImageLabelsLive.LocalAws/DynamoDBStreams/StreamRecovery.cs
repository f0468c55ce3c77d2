using System.Globalization;
using System.Text.Json;
using ImageLabelsLive.LocalAws.DynamoDB;
using ImageLabelsLive.LocalAws.Durability;
using Microsoft.Extensions.Logging;

namespace ImageLabelsLive.LocalAws.DynamoDBStreams;

/// <summary>
/// What a restarted host owes the stream consumers, worked out from the journal, the checkpoints and dynalite:
/// <list type="number">
/// <item>Every journaled record past a consumer's checkpoint goes back into its queue, in sequence order (records
/// delivered but not yet checkpointed at the crash are delivered again: at least once).</item>
/// <item>Every intent left open (the host died between journaling a write and journaling its record) is resolved by
/// reading the item now: if it differs from the image journaled before the write, the write happened and its record
/// is produced now; if not, the write never reached dynalite and the intent is settled. Only one write per key is
/// ever open (the proxy holds the key's lock from intent to record), so the item's state now is that write's result.</item>
/// <item>The journal is compacted to what some consumer still needs, plus intents that could not be read.</item>
/// </list>
/// </summary>
internal sealed class StreamRecovery(
    LocalDynamoDbStreams streams,
    StreamJournal journal,
    CheckpointStore checkpoints,
    DynaliteClient dynalite,
    ILogger logger)
{
    public async Task<StreamRecoverySummary> RunAsync(CancellationToken cancellationToken)
    {
        var contents = journal.Load();
        if (contents.Records.Count > 0)
        {
            streams.ContinueAfter(contents.Records.Max(r => SequenceOf(r.Record)));
        }
        var positions = streams.Mappings.ToDictionary(
            m => m.Options.FunctionName,
            m => checkpoints.Read(m.Options.FunctionName) is { } saved && long.TryParse(saved, CultureInfo.InvariantCulture, out var position) ? position : 0L,
            StringComparer.Ordinal);

        var redelivered = 0;
        foreach (var record in contents.Records)
        {
            if (streams.Mappings.Any(m => string.Equals(m.Options.TableName, record.TableName, StringComparison.Ordinal)
                                          && SequenceOf(record.Record) > positions[m.Options.FunctionName]))
            {
                streams.Redeliver(record, positions);
                redelivered++;
            }
        }

        var resolved = 0;
        foreach (var intent in contents.OpenIntents)
        {
            if (await ResolveAsync(intent, cancellationToken).ConfigureAwait(false))
            {
                resolved++;
            }
        }

        // Compact: keep what a consumer has not handled yet (including records produced just now) and unresolved intents.
        var after = journal.Load();
        var lowest = positions.Count == 0 ? long.MaxValue : positions.Values.Min();
        journal.Compact(after.Records.Where(r => SequenceOf(r.Record) > lowest), after.OpenIntents);
        if (redelivered > 0 || resolved > 0 || after.OpenIntents.Count > 0)
        {
            logger.LogInformation(
                "Stream journal recovered: {Redelivered} records not yet handled by every consumer, {Resolved} interrupted writes resolved, {Open} left open (dynalite did not answer for them)",
                redelivered, resolved, after.OpenIntents.Count);
        }
        return new StreamRecoverySummary(redelivered, resolved, after.OpenIntents.Count);
    }

    /// <summary>True when the intent was resolved (record produced or settled); false leaves it for the next start.</summary>
    private async Task<bool> ResolveAsync(StreamJournalEntry intent, CancellationToken cancellationToken)
    {
        if (intent.TableName is null || intent.StreamArn is null || intent.KeyNames is null || intent.Key is null)
        {
            streams.Settle(intent.Intent);
            return true;
        }
        var (read, failure) = await dynalite.GetItemAsync(intent.TableName, intent.Key, cancellationToken).ConfigureAwait(false);
        if (failure is not null)
        {
            logger.LogWarning("Could not read {Table} item for an interrupted write ({Error}); it is resolved at the next start", intent.TableName, failure);
            return false;
        }
        var now = read.Item;
        if (DynamoDbItemEquality.SameItem(intent.Before, now))
        {
            streams.Settle(intent.Intent);
        }
        else
        {
            var record = streams.Append(intent.TableName, intent.StreamArn, intent.KeyNames, intent.Before, now, intent.Intent);
            logger.LogInformation("An interrupted write to {Table} had reached dynalite: its record {SequenceNumber} is produced now", intent.TableName, record?.Dynamodb.SequenceNumber);
        }
        return true;
    }

    private static long SequenceOf(DynamoDbStreamRecord record) => long.Parse(record.Dynamodb.SequenceNumber, CultureInfo.InvariantCulture);
}

/// <summary>What recovery found: records handed to consumers again, interrupted writes resolved, intents still open.</summary>
public sealed record StreamRecoverySummary(int Redelivered, int Resolved, int StillOpen);
