using System.Text.Json;
using ImageLabelsLive.LocalAws.DynamoDBStreams;

namespace ImageLabelsLive.LocalAws.DynamoDB;

/// <summary>Finds the items a PutItem, UpdateItem, DeleteItem or BatchWriteItem touches in streamed tables.</summary>
internal sealed class StreamedWritePlanner(TableShapes shapes, LocalDynamoDbStreams streams)
{
    /// <summary>The items a write touches in streamed tables, or null when it touches none or cannot be understood
    /// (dynalite then answers it as it would anyway).</summary>
    public async Task<IReadOnlyList<ItemWrite>?> PlanAsync(string operation, byte[] body, CancellationToken cancellationToken)
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
            if (DynamoDbIncomingRequest.TableNameOf(root) is not { } table || !streams.HasStream(table))
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
}
