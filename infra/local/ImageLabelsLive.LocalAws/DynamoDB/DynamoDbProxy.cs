using System.Globalization;
using System.Net;
using System.Text.Json;
using ImageLabelsLive.LocalAws.DynamoDBStreams;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ImageLabelsLive.LocalAws.DynamoDB;

/// <summary>
/// The DynamoDB endpoint: passes every request to dynalite and its answer back untouched, and observes writes to
/// streamed tables to produce their stream records. For such a write it locks the items' keys, reads each item
/// (consistent read), forwards the write and, when dynalite accepted it, reads the items again; each item whose
/// before and after differ yields one INSERT, MODIFY or REMOVE record while its lock is still held, so records of
/// a key are in write order. Writes that bypass this endpoint (straight to dynalite) produce no records.
/// </summary>
internal sealed class DynamoDbProxy(
    DynaliteClient dynalite,
    TableShapes shapes,
    KeyedAsyncLock locks,
    LocalDynamoDbStreams streams,
    ILogger<DynamoDbProxy> logger)
{
    /// <summary>DynamoDB's own request size limit; dynalite enforces the same.</summary>
    private const int MaxRequestBytes = 16 * 1024 * 1024;

    private static readonly HashSet<string> HopByHopHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Host", "Connection", "Keep-Alive", "Transfer-Encoding", "Upgrade", "Proxy-Connection", "Proxy-Authorization",
        "TE", "Trailer", "Expect", "Content-Length",
    };

    public async Task HandleAsync(HttpContext context)
    {
        var body = await ReadBodyAsync(context.Request, context.RequestAborted).ConfigureAwait(false);
        if (body is null)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return;
        }
        var operation = Operation(context.Request);
        var writes = operation is "PutItem" or "UpdateItem" or "DeleteItem" or "BatchWriteItem"
            ? await PlanWritesAsync(operation, body, context.RequestAborted).ConfigureAwait(false)
            : null;

        ForwardedResponse response;
        try
        {
            response = writes is null
                ? await ForwardAsync(context.Request, body, context.RequestAborted).ConfigureAwait(false)
                : await ForwardObservedAsync(context.Request, body, writes, context.RequestAborted).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            logger.LogWarning("dynalite at {Url} did not answer {Operation}: {Error}", dynalite.BaseAddress, operation, ex.Message);
            context.Response.StatusCode = StatusCodes.Status502BadGateway;
            return;
        }
        catch (TaskCanceledException) when (!context.RequestAborted.IsCancellationRequested)
        {
            logger.LogWarning("dynalite at {Url} timed out on {Operation}", dynalite.BaseAddress, operation);
            context.Response.StatusCode = StatusCodes.Status504GatewayTimeout;
            return;
        }

        if (operation is "CreateTable" or "DeleteTable" or "UpdateTable" && TableNameOf(body) is { } changedTable)
        {
            shapes.Forget(changedTable);
        }
        logger.LogDebug("DynamoDB {Operation} -> {Status}", operation ?? context.Request.Method, response.Status);
        await response.CopyToAsync(context.Response, context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>The write path: lock, read before, forward, read after, append the changes.</summary>
    private async Task<ForwardedResponse> ForwardObservedAsync(
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
        var response = await ForwardAsync(request, body, CancellationToken.None).ConfigureAwait(false);
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
            if (!SameItem(before[i].Item, after[i].Item))
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

    private async Task<ForwardedResponse> ForwardAsync(HttpRequest request, byte[] body, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(new HttpMethod(request.Method), "/" + request.QueryString.Value);
        if (body.Length > 0 || HttpMethods.IsPost(request.Method))
        {
            message.Content = new ByteArrayContent(body);
        }
        foreach (var (name, values) in request.Headers)
        {
            if (HopByHopHeaders.Contains(name))
            {
                continue;
            }
            if (!message.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values))
            {
                message.Content?.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values);
            }
        }
        using var response = await dynalite.SendAsync(message, cancellationToken).ConfigureAwait(false);
        var headers = response.Headers.Concat(response.Content.Headers)
            .Where(h => !HopByHopHeaders.Contains(h.Key))
            .Select(h => (h.Key, h.Value.ToArray()))
            .ToArray();
        var responseBody = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        return new ForwardedResponse(response.StatusCode, headers, responseBody);
    }

    /// <summary>The items a write touches in streamed tables, or null when it touches none or cannot be understood
    /// (dynalite then answers it as it would anyway).</summary>
    private async Task<IReadOnlyList<ItemWrite>?> PlanWritesAsync(string operation, byte[] body, CancellationToken cancellationToken)
    {
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(body);
            root = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
        if (root.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var targets = new List<(string Table, JsonElement Source)>();
        if (operation == "BatchWriteItem")
        {
            if (!root.TryGetProperty("RequestItems", out var requestItems) || requestItems.ValueKind != JsonValueKind.Object)
            {
                return null;
            }
            foreach (var table in requestItems.EnumerateObject())
            {
                if (!streams.HasStream(table.Name) || table.Value.ValueKind != JsonValueKind.Array)
                {
                    continue;
                }
                foreach (var request in table.Value.EnumerateArray())
                {
                    if (request.ValueKind == JsonValueKind.Object && request.TryGetProperty("PutRequest", out var put) && put.ValueKind == JsonValueKind.Object && put.TryGetProperty("Item", out var item))
                    {
                        targets.Add((table.Name, item));
                    }
                    else if (request.ValueKind == JsonValueKind.Object && request.TryGetProperty("DeleteRequest", out var delete) && delete.ValueKind == JsonValueKind.Object && delete.TryGetProperty("Key", out var key))
                    {
                        targets.Add((table.Name, key));
                    }
                    else
                    {
                        return null;
                    }
                }
            }
        }
        else
        {
            if (TableNameOf(root) is not { } table || !streams.HasStream(table))
            {
                return null;
            }
            if (!root.TryGetProperty(operation == "PutItem" ? "Item" : "Key", out var source))
            {
                return null;
            }
            targets.Add((table, source));
        }
        if (targets.Count == 0)
        {
            return null;
        }

        var writes = new List<ItemWrite>(targets.Count);
        foreach (var (table, source) in targets)
        {
            var shape = await shapes.GetAsync(table, cancellationToken).ConfigureAwait(false);
            if (shape is null || ItemWrite.Create(table, shape, source) is not { } write)
            {
                return null;
            }
            writes.Add(write);
        }
        return writes;
    }

    private async Task<ItemRead> ReadItemAsync(ItemWrite write, CancellationToken cancellationToken)
    {
        try
        {
            var result = await dynalite.CallAsync(
                "GetItem",
                JsonSerializer.Serialize(new GetItemRequest(write.TableName, write.Key, ConsistentRead: true), DynamoDbJsonContext.Default.GetItemRequest),
                cancellationToken).ConfigureAwait(false);
            if (!result.IsSuccess || result.Body.ValueKind != JsonValueKind.Object)
            {
                logger.LogDebug("GetItem on {Table} failed: {Error}", write.TableName, result.Describe());
                return ItemRead.Failed;
            }
            return new ItemRead(true, result.Body.TryGetProperty("Item", out var item) ? ToDictionary(item) : null);
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

    private static Dictionary<string, JsonElement> ToDictionary(JsonElement item)
    {
        var dictionary = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var attribute in item.EnumerateObject())
        {
            dictionary[attribute.Name] = attribute.Value;
        }
        return dictionary;
    }

    /// <summary>Attribute-by-attribute deep equality; attribute order does not matter.</summary>
    internal static bool SameItem(IReadOnlyDictionary<string, JsonElement>? a, IReadOnlyDictionary<string, JsonElement>? b)
    {
        if (a is null || b is null)
        {
            return a is null && b is null;
        }
        if (a.Count != b.Count)
        {
            return false;
        }
        foreach (var (name, value) in a)
        {
            if (!b.TryGetValue(name, out var other) || !JsonElement.DeepEquals(value, other))
            {
                return false;
            }
        }
        return true;
    }

    private static string? Operation(HttpRequest request)
    {
        var target = request.Headers["X-Amz-Target"].ToString();
        return target.StartsWith(DynaliteClient.TargetPrefix, StringComparison.Ordinal) ? target[DynaliteClient.TargetPrefix.Length..] : null;
    }

    private static string? TableNameOf(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return TableNameOf(document.RootElement);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? TableNameOf(JsonElement root) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty("TableName", out var name) && name.ValueKind == JsonValueKind.String
            ? name.GetString()
            : null;

    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxRequestBytes)
        {
            return null;
        }
        using var buffer = new MemoryStream(request.ContentLength is { } length ? (int)length : 4096);
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxRequestBytes)
            {
                return null;
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    private readonly record struct ItemRead(bool Succeeded, IReadOnlyDictionary<string, JsonElement>? Item)
    {
        public static readonly ItemRead Failed = new(false, null);
    }

    private sealed record ForwardedResponse(HttpStatusCode Status, IReadOnlyList<(string Name, string[] Values)> Headers, byte[] Body)
    {
        public async Task CopyToAsync(HttpResponse response, CancellationToken cancellationToken)
        {
            response.StatusCode = (int)Status;
            foreach (var (name, values) in Headers)
            {
                response.Headers[name] = values;
            }
            response.ContentLength = Body.Length;
            await response.Body.WriteAsync(Body, cancellationToken).ConfigureAwait(false);
        }
    }
}

/// <summary>One item a write touches: its table, key (DynamoDB JSON) and the name of its lock.</summary>
internal sealed record ItemWrite(string TableName, TableShape Shape, IReadOnlyDictionary<string, JsonElement> Key, string LockKey)
{
    /// <summary>Picks the key attributes out of an item or key; null when one is missing or malformed.</summary>
    public static ItemWrite? Create(string tableName, TableShape shape, JsonElement source)
    {
        if (source.ValueKind != JsonValueKind.Object)
        {
            return null;
        }
        var key = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        var lockKey = new System.Text.StringBuilder(tableName);
        foreach (var name in shape.KeyNames)
        {
            if (!source.TryGetProperty(name, out var value) || Canonical(value) is not { } canonical)
            {
                return null;
            }
            key[name] = value;
            lockKey.Append('\u001f').Append(name).Append('\u001e').Append(canonical);
        }
        return new ItemWrite(tableName, shape, key, lockKey.ToString());
    }

    /// <summary>One text per key value however the client spelled it, so equal keys share one lock.</summary>
    private static string? Canonical(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            return null;
        }
        using var members = value.EnumerateObject();
        if (!members.MoveNext() || members.Current.Value.ValueKind != JsonValueKind.String)
        {
            return null;
        }
        var (type, text) = (members.Current.Name, members.Current.Value.GetString()!);
        if (type == "N" && decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            // 1, 1.0 and 1e0 name the same item.
            text = (number / 1.0000000000000000000000000000m).ToString(CultureInfo.InvariantCulture);
        }
        return type + ":" + text;
    }
}
