using System.Collections.Concurrent;
using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;

namespace ImageLabelsLive.LocalAws.DynamoDB;

/// <summary>What the endpoint needs to know about a streamed table: its key attributes and its stream's ARN.</summary>
internal sealed record TableShape(IReadOnlyList<string> KeyNames, string StreamArn);

/// <summary>
/// Table shapes from dynalite's DescribeTable, cached; the cache forgets a table when a CreateTable, DeleteTable or
/// UpdateTable for it passes through the endpoint or the table setup creates it.
/// </summary>
internal sealed class TableShapes(DynaliteSdkClient dynalite, LocalDynamoDbOptions options)
{
    private readonly ConcurrentDictionary<string, TableShape> _known = new(StringComparer.Ordinal);

    /// <summary>The table's shape, or null when dynalite does not know the table (the write will fail there too).</summary>
    public async Task<TableShape?> GetAsync(string tableName, CancellationToken cancellationToken)
    {
        if (_known.TryGetValue(tableName, out var shape))
        {
            return shape;
        }
        TableDescription table;
        try
        {
            table = (await dynalite.Client.DescribeTableAsync(tableName, cancellationToken).ConfigureAwait(false)).Table;
        }
        catch (AmazonServiceException)
        {
            return null;
        }
        var keyNames = table.KeySchema
            .OrderBy(key => key.KeyType == KeyType.HASH ? 0 : 1)
            .Select(key => key.AttributeName)
            .ToArray();
        shape = new TableShape(keyNames, StreamArn(tableName, table));
        _known[tableName] = shape;
        return shape;
    }

    public void Forget(string tableName) => _known.TryRemove(tableName, out _);

    /// <summary>arn:aws:dynamodb:{region}:{account}:table/{name}/stream/{label}; the label is the table's creation time, as on AWS.</summary>
    private string StreamArn(string tableName, TableDescription table)
    {
        // dynalite answers epoch seconds with three decimals; the nearest millisecond undoes the double's rounding.
        var created = table.CreationDateTime is { } creation
            ? DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round((ToUtc(creation) - DateTime.UnixEpoch).TotalMilliseconds))
            : DateTimeOffset.UnixEpoch;
        var label = created.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff", CultureInfo.InvariantCulture);
        return $"arn:aws:dynamodb:{options.Region}:{options.AccountId}:table/{tableName}/stream/{label}";
    }

    private static DateTime ToUtc(DateTime time) =>
        time.Kind == DateTimeKind.Local ? time.ToUniversalTime() : DateTime.SpecifyKind(time, DateTimeKind.Utc);
}
