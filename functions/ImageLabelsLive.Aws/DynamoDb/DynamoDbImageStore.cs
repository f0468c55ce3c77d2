using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using ImageLabelsLive.Core.Images;
using ImageLabelsLive.Core.Ports;
using ImageLabelsLive.Core.Web;

namespace ImageLabelsLive.Aws.DynamoDb;

/// <summary>The Images table. Status writes are conditional, so the stored status only ever moves forward.</summary>
public sealed class DynamoDbImageStore(IAmazonDynamoDB dynamoDb, string tableName, TimeSpan? notificationClaimLease = null) : IImageStore
{
    /// <summary>Longer than NotifyResults' timeout, so a live claim is never taken over; a dead one is after this.</summary>
    public static readonly TimeSpan DefaultNotificationClaimLease = TimeSpan.FromSeconds(60);

    private readonly TimeSpan claimLease = notificationClaimLease ?? DefaultNotificationClaimLease;

    public async Task CreateAsync(ImageRecord record, CancellationToken cancellationToken)
    {
        await dynamoDb.PutItemAsync(new PutItemRequest
        {
            TableName = tableName,
            Item = ImageItems.ToItem(record),
            ConditionExpression = "attribute_not_exists(imageId)",
        }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<ImageRecord?> GetAsync(string imageId, CancellationToken cancellationToken)
    {
        var response = await dynamoDb.GetItemAsync(new GetItemRequest
        {
            TableName = tableName,
            Key = Key(imageId),
            ConsistentRead = true,
        }, cancellationToken).ConfigureAwait(false);
        return response.Item is { Count: > 0 } item ? ImageItems.FromItem(item) : null;
    }

    public async Task<bool> TryWriteAsync(StatusTransition transition, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transition);
        if (!transition.IsWriteNeeded)
        {
            return false;
        }
        var record = transition.Record;
        var values = new Dictionary<string, AttributeValue>(StringComparer.Ordinal)
        {
            [":status"] = ImageItems.S(record.Status.ToWire()),
            [":expected"] = ImageItems.S(transition.ExpectedStatus.ToWire()),
            [":labels"] = ImageItems.Labels(record.Labels),
            [":updatedAt"] = ImageItems.S(UtcTimestampConverter.ToText(record.UpdatedAt)),
        };
        var set = new List<string> { "#status = :status", "labels = :labels", "updatedAt = :updatedAt" };
        var remove = new List<string>();
        var names = new Dictionary<string, string>(StringComparer.Ordinal) { ["#status"] = "status", ["#error"] = "error" };
        foreach (var (name, value) in FindingItems.Attributes(record))
        {
            // Placeholders for every finding: "text" is one of DynamoDB's reserved words.
            set.Add($"#{name} = :{name}");
            names["#" + name] = name;
            values[":" + name] = value;
        }
        if (record.Status == ImageStatus.Deleted)
        {
            set.Add(ImageItems.ExpiresAt + " = :expiresAt");
            values[":expiresAt"] = ImageItems.N((record.UpdatedAt + ImageRecord.TombstoneLifetime).ToUnixTimeSeconds());
            // A tombstone keeps nothing that was found in the image.
            foreach (var name in FindingItems.Names)
            {
                remove.Add("#" + name);
                names["#" + name] = name;
            }
        }
        if (record.Error is null)
        {
            remove.Add("#error");
        }
        else
        {
            set.Add("#error = :error");
            values[":error"] = ImageItems.Error(record.Error);
        }
        // Kept only while the record is unfinished: it is the sweeper's sparse index key.
        if (record.Status.IsFinal())
        {
            remove.Add(ImageItems.UnfinishedStatus);
        }
        else
        {
            set.Add(ImageItems.UnfinishedStatus + " = :status");
        }
        var update = "SET " + string.Join(", ", set) + (remove.Count > 0 ? " REMOVE " + string.Join(", ", remove) : "");
        return await dynamoDb.TryUpdateItemAsync(new UpdateItemRequest
        {
            TableName = tableName,
            Key = Key(record.ImageId),
            UpdateExpression = update,
            ConditionExpression = "#status = :expected",
            ExpressionAttributeNames = names,
            ExpressionAttributeValues = values,
        }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<ImageRecord>> ListByFeedAsync(string feedId, int limit, CancellationToken cancellationToken)
    {
        var response = await dynamoDb.QueryAsync(new QueryRequest
        {
            TableName = tableName,
            IndexName = TableSchemas.ImagesFeedIndex,
            KeyConditionExpression = "feedId = :feedId",
            ExpressionAttributeValues = new Dictionary<string, AttributeValue>(StringComparer.Ordinal) { [":feedId"] = ImageItems.S(feedId) },
            ScanIndexForward = false,
            Limit = limit,
        }, cancellationToken).ConfigureAwait(false);
        return response.Items is { } items ? items.Select(ImageItems.FromItem).ToArray() : [];
    }

    public async Task<bool> TryClaimNotificationAsync(string imageId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        return await dynamoDb.TryUpdateItemAsync(new UpdateItemRequest
        {
            TableName = tableName,
            Key = Key(imageId),
            UpdateExpression = "SET #notifiedAt = :at",
            // Not sent, and not claimed within the lease: a claim whose sender died is taken over after it.
            ConditionExpression = "attribute_exists(imageId) AND attribute_not_exists(#sentAt) AND (attribute_not_exists(#notifiedAt) OR #notifiedAt < :leaseStart)",
            ExpressionAttributeNames = new Dictionary<string, string>(StringComparer.Ordinal) { ["#notifiedAt"] = ImageItems.NotifiedAt, ["#sentAt"] = ImageItems.NotificationSentAt },
            ExpressionAttributeValues = new Dictionary<string, AttributeValue>(StringComparer.Ordinal)
            {
                [":at"] = ImageItems.S(UtcTimestampConverter.ToText(at)),
                [":leaseStart"] = ImageItems.S(UtcTimestampConverter.ToText(at - claimLease)),
            },
        }, cancellationToken).ConfigureAwait(false);
    }

    public async Task ReleaseNotificationAsync(string imageId, CancellationToken cancellationToken)
    {
        // Not written when there is no image: then there is no claim to give back.
        _ = await dynamoDb.TryUpdateItemAsync(new UpdateItemRequest
        {
            TableName = tableName,
            Key = Key(imageId),
            UpdateExpression = "REMOVE #notifiedAt",
            // UpdateItem creates missing items: without this a vanished image would come back as a key-only stub.
            ConditionExpression = "attribute_exists(imageId)",
            ExpressionAttributeNames = new Dictionary<string, string>(StringComparer.Ordinal) { ["#notifiedAt"] = ImageItems.NotifiedAt },
        }, cancellationToken).ConfigureAwait(false);
    }

    public async Task MarkNotificationSentAsync(string imageId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        // Not written when the image is gone: there is nothing to mark.
        _ = await dynamoDb.TryUpdateItemAsync(new UpdateItemRequest
        {
            TableName = tableName,
            Key = Key(imageId),
            UpdateExpression = "SET #sentAt = :at",
            ConditionExpression = "attribute_exists(imageId)",
            ExpressionAttributeNames = new Dictionary<string, string>(StringComparer.Ordinal) { ["#sentAt"] = ImageItems.NotificationSentAt },
            ExpressionAttributeValues = new Dictionary<string, AttributeValue>(StringComparer.Ordinal) { [":at"] = ImageItems.S(UtcTimestampConverter.ToText(at)) },
        }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> IsNotificationSentAsync(string imageId, CancellationToken cancellationToken)
    {
        var response = await dynamoDb.GetItemAsync(new GetItemRequest
        {
            TableName = tableName,
            Key = Key(imageId),
            ConsistentRead = true,
            ProjectionExpression = "#sentAt",
            ExpressionAttributeNames = new Dictionary<string, string>(StringComparer.Ordinal) { ["#sentAt"] = ImageItems.NotificationSentAt },
        }, cancellationToken).ConfigureAwait(false);
        return response.Item is { } item && item.ContainsKey(ImageItems.NotificationSentAt);
    }

    private static Dictionary<string, AttributeValue> Key(string imageId) =>
        new(StringComparer.Ordinal) { ["imageId"] = ImageItems.S(imageId) };
}
