using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using ImageLabelsLive.Core.Connections;
using ImageLabelsLive.Core.Ports;
using ImageLabelsLive.Core.Web;

namespace ImageLabelsLive.Aws.DynamoDb;

/// <summary>
/// The Connections table: one item per open socket, found by feed through the feedId-index GSI.
/// expiresAt is the table's TTL attribute; TTL deletes lazily, so reads also skip expired items.
/// </summary>
public sealed class DynamoDbConnectionStore(IAmazonDynamoDB dynamoDb, string tableName, TimeProvider clock) : IConnectionStore
{
    public async Task SaveAsync(FeedConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await dynamoDb.PutItemAsync(new PutItemRequest
        {
            TableName = tableName,
            Item = new Dictionary<string, AttributeValue>(StringComparer.Ordinal)
            {
                ["connectionId"] = ImageItems.S(connection.ConnectionId),
                ["feedId"] = ImageItems.S(connection.FeedId),
                ["connectedAt"] = ImageItems.S(UtcTimestampConverter.ToText(connection.ConnectedAt)),
                ["expiresAt"] = ImageItems.N(connection.ExpiresAt.ToUnixTimeSeconds()),
            },
        }, cancellationToken).ConfigureAwait(false);
    }

    public async Task DeleteAsync(string connectionId, CancellationToken cancellationToken)
    {
        await dynamoDb.DeleteItemAsync(new DeleteItemRequest
        {
            TableName = tableName,
            Key = new Dictionary<string, AttributeValue>(StringComparer.Ordinal) { ["connectionId"] = ImageItems.S(connectionId) },
        }, cancellationToken).ConfigureAwait(false);
    }

    public async Task DeleteGoneAsync(string connectionId, CancellationToken cancellationToken)
    {
        var cutoff = UtcTimestampConverter.ToText(clock.GetUtcNow() - ConnectHandler.OpeningGracePeriod);
        // Not deleted when it connected moments ago: it may still be opening. $disconnect, or a push after the grace period, removes it if it is gone.
        _ = await dynamoDb.TryDeleteItemAsync(new DeleteItemRequest
        {
            TableName = tableName,
            Key = new Dictionary<string, AttributeValue>(StringComparer.Ordinal) { ["connectionId"] = ImageItems.S(connectionId) },
            // connectedAt is fixed-width ISO 8601 UTC, so text order is time order.
            ConditionExpression = "attribute_not_exists(connectedAt) OR connectedAt < :cutoff",
            ExpressionAttributeValues = new Dictionary<string, AttributeValue>(StringComparer.Ordinal) { [":cutoff"] = ImageItems.S(cutoff) },
        }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<string>> ListByFeedAsync(string feedId, CancellationToken cancellationToken)
    {
        var ids = new List<string>();
        var now = clock.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        Dictionary<string, AttributeValue>? startKey = null;
        do
        {
            var response = await dynamoDb.QueryAsync(new QueryRequest
            {
                TableName = tableName,
                IndexName = TableSchemas.ConnectionsFeedIndex,
                KeyConditionExpression = "feedId = :feedId",
                FilterExpression = "expiresAt > :now",
                ProjectionExpression = "connectionId",
                ExpressionAttributeValues = new Dictionary<string, AttributeValue>(StringComparer.Ordinal)
                {
                    [":feedId"] = ImageItems.S(feedId),
                    [":now"] = new AttributeValue { N = now },
                },
                ExclusiveStartKey = startKey,
            }, cancellationToken).ConfigureAwait(false);
            if (response.Items is { } items)
            {
                ids.AddRange(items.Select(item => item["connectionId"].S));
            }
            startKey = response.LastEvaluatedKey is { Count: > 0 } next ? next : null;
        }
        while (startKey is not null);
        return ids;
    }
}
