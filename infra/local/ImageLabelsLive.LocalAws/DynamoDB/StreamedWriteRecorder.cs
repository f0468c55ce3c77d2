using System.Net;
using System.Text.Json;
using ImageLabelsLive.LocalAws.DynamoDBStreams;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ImageLabelsLive.LocalAws.DynamoDB;

/// <summary>
/// Forwards a write to streamed tables and records its changes: locks the items' keys, reads each item (consistent
/// read), forwards the write and, when dynalite accepted it, reads the items again; each item whose before and after
/// differ yields one INSERT, MODIFY or REMOVE record while its lock is still held, so records of a key are in write order.
/// </summary>
internal sealed class StreamedWriteRecorder(
    DynaliteClient dynalite,
    DynaliteForwarder forwarder,
    KeyedAsyncLock locks,
    LocalDynamoDbStreams streams,
    ILogger logger)
{
    /// <summary>The write path: lock, read before, forward, read after, append the changes.</summary>
    public async Task<ForwardedResponse> ForwardAndRecordAsync(
        HttpRequest request, byte[] body, IReadOnlyList<ItemWrite> writes, CancellationToken requestAborted)
    {
        await streams.Recovered.WaitAsync(requestAborted).ConfigureAwait(false);
        using var held = await locks.AcquireAsync(writes.Select(w => w.LockKey), requestAborted).ConfigureAwait(false);
        // Once the write is sent it must be observed to the end, even if the client goes away: no client token.
        var before = await Task.WhenAll(writes.Select(w => ReadItemAsync(w, requestAborted))).ConfigureAwait(false);
        // Journaled before the write, so a crash before its record is produced leaves an intent recovery resolves.
        var intents = before.All(b => b.Succeeded)
            ? writes.Select((w, i) => streams.WriteIntent(w.TableName, w.Shape.StreamArn, w.Shape.KeyNames, w.Key, before[i].Item)).ToArray()
            : new long?[writes.Count];
        var response = await forwarder.ForwardAsync(request, body, CancellationToken.None).ConfigureAwait(false);
        if (response.Status != HttpStatusCode.OK)
        {
            Array.ForEach(intents, streams.Settle);
            return response;
        }
        if (before.Any(b => !b.Succeeded))
        {
            logger.LogWarning("A write to a streamed table succeeded but its items could not be read before it; no stream record for it");
            return response;
        }
        var after = await Task.WhenAll(writes.Select(w => ReadItemAsync(w, CancellationToken.None))).ConfigureAwait(false);
        for (var i = 0; i < writes.Count; i++)
        {
            if (!after[i].Succeeded)
            {
                // With a journal its intent stays open and the next start produces the record from the item's state.
                logger.LogError("Could not read {Table} item {Key} after a write; its stream record is missing", writes[i].TableName, writes[i].LockKey);
                continue;
            }
            if (!DynamoDbItemEquality.SameItem(before[i].Item, after[i].Item))
            {
                var record = streams.Append(writes[i].TableName, writes[i].Shape.StreamArn, writes[i].Shape.KeyNames, before[i].Item, after[i].Item, intents[i]);
                logger.LogDebug("Stream {Table}: {EventName} {SequenceNumber}", writes[i].TableName, record?.EventName, record?.Dynamodb.SequenceNumber);
            }
            else
            {
                streams.Settle(intents[i]);
            }
        }
        return response;
    }

    private async Task<ItemRead> ReadItemAsync(ItemWrite write, CancellationToken cancellationToken)
    {
        try
        {
            var (read, failure) = await dynalite.GetItemAsync(write.TableName, write.Key, cancellationToken).ConfigureAwait(false);
            if (failure is not null)
            {
                logger.LogDebug("GetItem on {Table} failed: {Error}", write.TableName, failure);
            }
            return read;
        }
        catch (HttpRequestException ex)
        {
            logger.LogWarning("GetItem on {Table} failed: {Error}", write.TableName, ex.Message);
            return ItemRead.Failed;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("GetItem on {Table} timed out", write.TableName);
            return ItemRead.Failed;
        }
    }
}
