using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using ImageLabelsLive.Core.Images;
using ImageLabelsLive.Core.Ports;
using ImageLabelsLive.Core.Web;

namespace ImageLabelsLive.Aws.DynamoDb;

/// <summary>
/// The sweeper's view of the Images table: a Query on the sparse <see cref="TableSchemas.ImagesUnfinishedIndex"/> (only
/// unfinished records are in it), never a Scan; and the re-drive mark, a conditional UpdateItem.
/// </summary>
public sealed class DynamoDbStaleImages(IAmazonDynamoDB dynamoDb, string tableName) : IStaleImages
{
    public const string RedrivenAt = "redrivenAt";

    public async Task<IReadOnlyList<StaleImage>> ListAsync(ImageStatus status, DateTimeOffset updatedBefore, int limit, CancellationToken cancellationToken)
    {
        var response = await dynamoDb.QueryAsync(new QueryRequest
        {
            TableName = tableName,
            IndexName = TableSchemas.ImagesUnfinishedIndex,
            KeyConditionExpression = "#unfinished = :status AND updatedAt < :before",
            ExpressionAttributeNames = new Dictionary<string, string>(StringComparer.Ordinal) { ["#unfinished"] = ImageItems.UnfinishedStatus },
            ExpressionAttributeValues = new Dictionary<string, AttributeValue>(StringComparer.Ordinal)
            {
                [":status"] = ImageItems.S(status.ToWire()),
                [":before"] = ImageItems.S(UtcTimestampConverter.ToText(updatedBefore)),
            },
            ScanIndexForward = true,
            Limit = limit,
        }, cancellationToken).ConfigureAwait(false);
        return (response.Items ?? [])
            .Select(item => new StaleImage(
                ImageItems.FromItem(item),
                item.TryGetValue(RedrivenAt, out var at) && at.S is { } text ? UtcTimestampConverter.Parse(text) : null))
            .ToArray();
    }

    public async Task<bool> TryMarkRedrivenAsync(string imageId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        return await dynamoDb.TryUpdateItemAsync(new UpdateItemRequest
        {
            TableName = tableName,
            Key = new Dictionary<string, AttributeValue>(StringComparer.Ordinal) { ["imageId"] = ImageItems.S(imageId) },
            UpdateExpression = "SET #redrivenAt = :at",
            ConditionExpression = "#status IN (:uploading, :processing) AND attribute_not_exists(#redrivenAt)",
            ExpressionAttributeNames = new Dictionary<string, string>(StringComparer.Ordinal) { ["#redrivenAt"] = RedrivenAt, ["#status"] = "status" },
            ExpressionAttributeValues = new Dictionary<string, AttributeValue>(StringComparer.Ordinal)
            {
                [":at"] = ImageItems.S(UtcTimestampConverter.ToText(at)),
                [":uploading"] = ImageItems.S(ImageStatus.Uploading.ToWire()),
                [":processing"] = ImageItems.S(ImageStatus.Processing.ToWire()),
            },
        }, cancellationToken).ConfigureAwait(false);
    }
}
