using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using ImageLabelsLive.Aws.DynamoDb;
using ImageLabelsLive.Core.Ports;
using static ImageLabelsLive.Aws.FeedIndex.FeedIndexKeys;

namespace ImageLabelsLive.Aws.FeedIndex;

/// <summary>
/// The indexer's writes to the FeedIndex table. Counts move exactly once per membership change with no transactions
/// (dynalite has none), under at-least-once delivery and retries that may stop between any two writes:
/// <list type="number">
/// <item>the member item is written with counted=false (kept as it is if it exists);</item>
/// <item>the count moves, conditional on the operation's id ("+imageId") not yet being in the count item's ops set,
///   and adds it there, so a retry after this step cannot move the count again;</item>
/// <item>the member is marked counted;</item>
/// <item>the id leaves the ops set, so the set only holds operations in flight.</item>
/// </list>
/// Removal mirrors it with a removals set, then deletes the member. Each step is safe to repeat, in any state a
/// crash can leave.
/// </summary>
public sealed class DynamoDbFeedIndex(IAmazonDynamoDB dynamoDb, string tableName) : IFeedIndex
{
    public async Task SetMembershipAsync(string feedId, FeedSet feedSet, FeedPosition member, bool present, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(feedSet);
        ArgumentNullException.ThrowIfNull(member);
        var memberKey = Key(SetPartition(feedId, feedSet), Position(member));
        var countKey = Key(CountsPartition(feedId), feedSet.Key);
        if (present)
        {
            await AddAsync(feedSet, member, memberKey, countKey, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await RemoveAsync(feedSet, member, memberKey, countKey, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task RecordChangeAsync(string feedId, string imageId, FeedPosition? current, IReadOnlyCollection<DateTimeOffset> superseded, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(superseded);
        if (current is not null)
        {
            var item = Key(ChangesPartition(feedId), Position(current));
            item["imageId"] = new AttributeValue { S = imageId };
            await dynamoDb.PutItemAsync(new PutItemRequest { TableName = tableName, Item = item }, cancellationToken).ConfigureAwait(false);
        }
        foreach (var at in superseded)
        {
            await dynamoDb.DeleteItemAsync(new DeleteItemRequest { TableName = tableName, Key = Key(ChangesPartition(feedId), Position(at, imageId)) }, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task MarkIndexedThroughAsync(string feedId, DateTimeOffset changedAt, CancellationToken cancellationToken)
    {
        // Not written when already marked at or past this change.
        _ = await dynamoDb.TryUpdateItemAsync(new UpdateItemRequest
        {
            TableName = tableName,
            Key = Key(CountsPartition(feedId), IndexedThroughKey),
            UpdateExpression = "SET #at = :at",
            // Only forward: a retried or late batch never moves the mark back.
            ConditionExpression = "attribute_not_exists(#at) OR #at < :at",
            ExpressionAttributeNames = new Dictionary<string, string>(StringComparer.Ordinal) { ["#at"] = "at" },
            ExpressionAttributeValues = Values((":at", N(changedAt.ToUnixTimeMilliseconds()))),
        }, cancellationToken).ConfigureAwait(false);
    }

    private async Task AddAsync(FeedSet feedSet, FeedPosition member, Dictionary<string, AttributeValue> memberKey, Dictionary<string, AttributeValue> countKey, CancellationToken cancellationToken)
    {
        var written = await dynamoDb.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = tableName,
            Key = memberKey,
            UpdateExpression = "SET imageId = :id, counted = if_not_exists(counted, :false)",
            ExpressionAttributeValues = Values((":id", S(member.ImageId)), (":false", new AttributeValue { BOOL = false })),
            ReturnValues = ReturnValue.ALL_NEW,
        }, cancellationToken).ConfigureAwait(false);
        if (!feedSet.Counted || written.Attributes.TryGetValue("counted", out var counted) && counted.BOOL == true)
        {
            return;
        }
        var op = "+" + member.ImageId;
        var values = Values((":one", N(1)), (":op", S(op)), (":ops", SS(op)));
        var update = "ADD #count :one, ops :ops";
        if (feedSet.DisplayName is { } name)
        {
            update += " SET #name = if_not_exists(#name, :name)";
            values[":name"] = S(name);
        }
        await MoveCountOnceAsync(countKey, update, "attribute_not_exists(ops) OR NOT contains(ops, :op)", values, cancellationToken).ConfigureAwait(false);
        await dynamoDb.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = tableName,
            Key = memberKey,
            UpdateExpression = "SET counted = :true",
            ConditionExpression = "attribute_exists(pk)",
            ExpressionAttributeValues = Values((":true", new AttributeValue { BOOL = true })),
        }, cancellationToken).ConfigureAwait(false);
        await ForgetOperationAsync(countKey, "ops", op, cancellationToken).ConfigureAwait(false);
    }

    private async Task RemoveAsync(FeedSet feedSet, FeedPosition member, Dictionary<string, AttributeValue> memberKey, Dictionary<string, AttributeValue> countKey, CancellationToken cancellationToken)
    {
        var stored = await dynamoDb.GetItemAsync(new GetItemRequest { TableName = tableName, Key = memberKey, ConsistentRead = true }, cancellationToken).ConfigureAwait(false);
        if (stored.Item is not { Count: > 0 } item)
        {
            if (feedSet.Counted)
            {
                // A retry that stopped after deleting the member still owes the clean-up.
                await ForgetOperationAsync(countKey, "removals", "-" + member.ImageId, cancellationToken).ConfigureAwait(false);
            }
            return;
        }
        if (feedSet.Counted)
        {
            var op = "-" + member.ImageId;
            var wasCounted = item.TryGetValue("counted", out var counted) && counted.BOOL == true;
            var values = Values((":minus", N(-1)), (":op", S(op)), (":ops", SS(op)));
            // Counted, or half-way through an add whose count already moved (its "+id" still in ops).
            var condition = "(attribute_not_exists(removals) OR NOT contains(removals, :op))";
            if (!wasCounted)
            {
                condition += " AND contains(ops, :addOp)";
                values[":addOp"] = S("+" + member.ImageId);
            }
            await MoveCountOnceAsync(countKey, "ADD #count :minus, removals :ops", condition, values, cancellationToken).ConfigureAwait(false);
        }
        await dynamoDb.DeleteItemAsync(new DeleteItemRequest { TableName = tableName, Key = memberKey }, cancellationToken).ConfigureAwait(false);
        if (feedSet.Counted)
        {
            await ForgetOperationAsync(countKey, "removals", "-" + member.ImageId, cancellationToken).ConfigureAwait(false);
            await ForgetOperationAsync(countKey, "ops", "+" + member.ImageId, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task MoveCountOnceAsync(Dictionary<string, AttributeValue> countKey, string update, string condition, Dictionary<string, AttributeValue> values, CancellationToken cancellationToken)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal) { ["#count"] = "count" };
        if (update.Contains("#name", StringComparison.Ordinal))
        {
            names["#name"] = "name";
        }
        // Not written when an earlier delivery already moved the count for this operation.
        _ = await dynamoDb.TryUpdateItemAsync(new UpdateItemRequest
        {
            TableName = tableName,
            Key = countKey,
            UpdateExpression = update,
            ConditionExpression = condition,
            ExpressionAttributeNames = names,
            ExpressionAttributeValues = values,
        }, cancellationToken).ConfigureAwait(false);
    }

    private async Task ForgetOperationAsync(Dictionary<string, AttributeValue> countKey, string attribute, string op, CancellationToken cancellationToken)
    {
        // Not written when there is no count item: nothing to forget.
        _ = await dynamoDb.TryUpdateItemAsync(new UpdateItemRequest
        {
            TableName = tableName,
            Key = countKey,
            UpdateExpression = $"DELETE {attribute} :op",
            // UpdateItem would otherwise create a count item that never existed.
            ConditionExpression = "attribute_exists(pk)",
            ExpressionAttributeValues = Values((":op", SS(op))),
        }, cancellationToken).ConfigureAwait(false);
    }

    private static AttributeValue S(string value) => new() { S = value };

    private static AttributeValue N(long value) => new() { N = value.ToString(System.Globalization.CultureInfo.InvariantCulture) };

    private static AttributeValue SS(string value) => new() { SS = [value] };

    private static Dictionary<string, AttributeValue> Values(params (string Name, AttributeValue Value)[] values) =>
        values.ToDictionary(pair => pair.Name, pair => pair.Value, StringComparer.Ordinal);
}
