using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;

namespace ImageLabelsLive.LocalAws.DynamoDB;

/// <summary>What the endpoint needs to know about a streamed table: its key attributes and its stream's ARN.</summary>
internal sealed record TableShape(IReadOnlyList<string> KeyNames, string StreamArn);

/// <summary>
/// Table shapes from dynalite's DescribeTable, cached; the cache forgets a table when a CreateTable, DeleteTable or
/// UpdateTable for it passes through the endpoint or the table setup creates it.
/// </summary>
internal sealed class TableShapes(DynaliteClient dynalite, LocalDynamoDbOptions options)
{
    private readonly ConcurrentDictionary<string, TableShape> _known = new(StringComparer.Ordinal);

    /// <summary>The table's shape, or null when dynalite does not know the table (the write will fail there too).</summary>
    public async Task<TableShape?> GetAsync(string tableName, CancellationToken cancellationToken)
    {
        if (_known.TryGetValue(tableName, out var shape))
        {
            return shape;
        }
        var result = await dynalite.CallAsync(
            "DescribeTable", JsonSerializer.Serialize(new DescribeTableRequest(tableName), DynamoDbJsonContext.Default.DescribeTableRequest), cancellationToken)
            .ConfigureAwait(false);
        if (!result.IsSuccess || !result.Body.TryGetProperty("Table", out var table))
        {
            return null;
        }
        var keyNames = table.GetProperty("KeySchema").EnumerateArray()
            .OrderBy(k => k.GetProperty("KeyType").GetString() == "HASH" ? 0 : 1)
            .Select(k => k.GetProperty("AttributeName").GetString()!)
            .ToArray();
        shape = new TableShape(keyNames, StreamArn(tableName, table));
        _known[tableName] = shape;
        return shape;
    }

    public void Forget(string tableName) => _known.TryRemove(tableName, out _);

    /// <summary>arn:aws:dynamodb:{region}:{account}:table/{name}/stream/{label}; the label is the table's creation time, as on AWS.</summary>
    private string StreamArn(string tableName, JsonElement table)
    {
        var created = table.TryGetProperty("CreationDateTime", out var creation) && creation.TryGetDouble(out var seconds)
            ? DateTimeOffset.UnixEpoch.AddMilliseconds(Math.Round(seconds * 1000))
            : DateTimeOffset.UnixEpoch;
        var label = created.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff", CultureInfo.InvariantCulture);
        return $"arn:aws:dynamodb:{options.Region}:{options.AccountId}:table/{tableName}/stream/{label}";
    }
}
