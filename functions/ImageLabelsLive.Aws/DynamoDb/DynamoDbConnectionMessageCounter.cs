using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using ImageLabelsLive.Core.Ports;

namespace ImageLabelsLive.Aws.DynamoDb;

/// <summary>
/// Counts a connection's messages on its own Connections item ({messageWindow, messageCount}), so every container
/// answering $default sees the same count. An update cannot branch, so there are two conditional ones: add to the
/// current window, or start a new window on an item that exists. Neither ever creates an item for an unknown connection.
/// </summary>
public sealed class DynamoDbConnectionMessageCounter(IAmazonDynamoDB dynamoDb, string tableName) : IConnectionMessageCounter
{
    public async Task<int> CountAsync(string connectionId, long window, CancellationToken cancellationToken)
    {
        var windowValue = ImageItems.N(window);
        // Two rounds: a second container may start the same window between this one's two updates.
        for (var round = 0; round < 2; round++)
        {
            var added = await dynamoDb.UpdateItemIfAsync(new UpdateItemRequest
            {
                TableName = tableName,
                Key = Key(connectionId),
                UpdateExpression = "ADD messageCount :one",
                ConditionExpression = "messageWindow = :window",
                ExpressionAttributeValues = new Dictionary<string, AttributeValue>(StringComparer.Ordinal) { [":one"] = ImageItems.N(1), [":window"] = windowValue },
                ReturnValues = ReturnValue.UPDATED_NEW,
            }, cancellationToken).ConfigureAwait(false);
            if (added is not null)
            {
                return int.Parse(added.Attributes["messageCount"].N, CultureInfo.InvariantCulture);
            }
            // Another window (or none yet, or no such connection): start this one.
            var started = await dynamoDb.TryUpdateItemAsync(new UpdateItemRequest
            {
                TableName = tableName,
                Key = Key(connectionId),
                UpdateExpression = "SET messageWindow = :window, messageCount = :one",
                ConditionExpression = "attribute_exists(connectionId) AND (attribute_not_exists(messageWindow) OR messageWindow < :window)",
                ExpressionAttributeValues = new Dictionary<string, AttributeValue>(StringComparer.Ordinal) { [":one"] = ImageItems.N(1), [":window"] = windowValue },
            }, cancellationToken).ConfigureAwait(false);
            if (started)
            {
                return 1;
            }
            // Either the connection is unknown, or another message just started this window: add to it.
        }
        return 0;
    }

    private static Dictionary<string, AttributeValue> Key(string connectionId) =>
        new(StringComparer.Ordinal) { ["connectionId"] = ImageItems.S(connectionId) };
}
