using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using ImageLabelsLive.Core.Ports;

namespace ImageLabelsLive.Aws.DynamoDb;

/// <summary>
/// The SubscriptionRequests table: one small item per counter and hour ({counterId, requests, expiresAt}), taken with a
/// conditional ADD so that concurrent containers never let more than the limit through. expiresAt is the table's TTL
/// attribute, so old windows disappear by themselves.
/// </summary>
public sealed class DynamoDbSubscriptionRequestCounter(IAmazonDynamoDB dynamoDb, string tableName) : ISubscriptionRequestCounter
{
    public async Task<bool> TryTakeAsync(string counter, int limit, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        return await dynamoDb.TryUpdateItemAsync(new UpdateItemRequest
        {
            TableName = tableName,
            Key = Key(counter),
            UpdateExpression = "ADD requests :one SET expiresAt = :expiresAt",
            ConditionExpression = "attribute_not_exists(requests) OR requests < :limit",
            ExpressionAttributeValues = new Dictionary<string, AttributeValue>(StringComparer.Ordinal)
            {
                [":one"] = ImageItems.N(1),
                [":limit"] = ImageItems.N(limit),
                [":expiresAt"] = ImageItems.N(expiresAt.ToUnixTimeSeconds()),
            },
        }, cancellationToken).ConfigureAwait(false);
    }

    public async Task ReleaseAsync(string counter, CancellationToken cancellationToken)
    {
        // Not written when the window already expired: the limit only errs towards fewer emails.
        _ = await dynamoDb.TryUpdateItemAsync(new UpdateItemRequest
        {
            TableName = tableName,
            Key = Key(counter),
            UpdateExpression = "ADD requests :minusOne",
            ConditionExpression = "requests > :zero",
            ExpressionAttributeValues = new Dictionary<string, AttributeValue>(StringComparer.Ordinal)
            {
                [":minusOne"] = ImageItems.N(-1),
                [":zero"] = ImageItems.N(0),
            },
        }, cancellationToken).ConfigureAwait(false);
    }

    private static Dictionary<string, AttributeValue> Key(string counter) =>
        new(StringComparer.Ordinal) { ["counterId"] = ImageItems.S(counter) };
}
