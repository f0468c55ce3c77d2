using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using ImageLabelsLive.Aws.DynamoDb;
using ImageLabelsLive.Core.Images;
using ImageLabelsLive.Core.Ports;
using ImageLabelsLive.Core.Web;
using static ImageLabelsLive.Aws.FeedIndex.FeedIndexKeys;

namespace ImageLabelsLive.Aws.FeedIndex;

/// <summary>
/// Reads a feed page by page. The plain listing queries the Images table's feed index; a label, the change log, the
/// counts and the SHA-256 lookup query the FeedIndex table, which holds only the matching images' keys, and then read
/// just those records with BatchGetItem. Nothing here scans.
/// </summary>
public sealed class DynamoDbFeedQueries(IAmazonDynamoDB dynamoDb, string imagesTable, string feedIndexTable) : IFeedQueries
{
    /// <summary>How many index reads one request may make when few of the members match the other labels.</summary>
    public const int MaxRounds = 10;

    /// <summary>
    /// The Images table's feed index sorts by createdAt only, and orders equal times arbitrarily. So a page reads on
    /// until the last time's group is complete, sorts by (createdAt, imageId) itself, and the next page starts at the
    /// last createdAt again (createdAt ≤ t) skipping what was already returned: exact order, nothing skipped or repeated.
    /// </summary>
    public async Task<FeedPage> ListAsync(string feedId, int limit, FeedPosition? after, CancellationToken cancellationToken)
    {
        var candidates = new List<ImageRecord>(limit + 1);
        var values = new Dictionary<string, AttributeValue>(StringComparer.Ordinal)
        {
            [":feedId"] = new() { S = feedId },
            [":deleted"] = new() { S = ImageStatus.Deleted.ToWire() },
        };
        var condition = "feedId = :feedId";
        if (after is not null)
        {
            condition += " AND createdAt <= :at";
            values[":at"] = new() { S = UtcTimestampConverter.ToText(after.At) };
        }
        Dictionary<string, AttributeValue>? start = null;
        var more = true;
        while (more)
        {
            var response = await dynamoDb.QueryAsync(new QueryRequest
            {
                TableName = imagesTable,
                IndexName = TableSchemas.ImagesFeedIndex,
                KeyConditionExpression = condition,
                FilterExpression = "#status <> :deleted",
                ExpressionAttributeNames = new Dictionary<string, string>(StringComparer.Ordinal) { ["#status"] = "status" },
                ExpressionAttributeValues = values,
                ScanIndexForward = false,
                Limit = limit + 1,
                ExclusiveStartKey = start,
            }, cancellationToken).ConfigureAwait(false);
            foreach (var record in (response.Items ?? []).Select(ImageItems.FromItem))
            {
                if (after is null || IsAfter(record, after))
                {
                    candidates.Add(record);
                }
            }
            start = response.LastEvaluatedKey is { Count: > 0 } next ? next : null;
            more = start is not null;
            // Enough once more than a page is in hand and the last time's group is complete.
            if (candidates.Count > limit && candidates[^1].CreatedAt < candidates[limit - 1].CreatedAt)
            {
                break;
            }
        }
        var ordered = candidates.OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.ImageId, StringComparer.Ordinal).ToArray();
        var page = ordered.Take(limit).ToArray();
        var hasMore = ordered.Length > limit || more;
        return new FeedPage(page, hasMore && page.Length > 0 ? new FeedPosition(page[^1].CreatedAt, page[^1].ImageId) : null);
    }

    private static bool IsAfter(ImageRecord record, FeedPosition after) =>
        record.CreatedAt < after.At || (record.CreatedAt == after.At && string.CompareOrdinal(record.ImageId, after.ImageId) < 0);

    public Task<FeedPage> ListWithLabelAsync(string feedId, string label, int limit, FeedPosition? after, Func<ImageRecord, bool> alsoMatches, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alsoMatches);
        // The index follows the table a moment behind: the record itself has the last word.
        return ReadMembersAsync(LabelPartition(feedId, label), null, forward: false, limit, after,
            (_, record) => record.FeedId == feedId && alsoMatches(record), cancellationToken);
    }

    public Task<FeedPage> ListChangedAsync(string feedId, DateTimeOffset since, int limit, FeedPosition? after, CancellationToken cancellationToken) =>
        // An entry older than its record's latest change is a leftover; the record appears at its latest entry.
        ReadMembersAsync(ChangesPartition(feedId), since, forward: true, limit, after,
            (entry, record) => record.FeedId == feedId && UtcTimestampConverter.ToText(record.UpdatedAt) == UtcTimestampConverter.ToText(entry.At),
            cancellationToken);

    /// <summary>
    /// A page of an index partition's records: reads members in rounds (at most <see cref="MaxRounds"/>), reads each
    /// round's records, and keeps those <paramref name="keep"/> accepts until the page is full or the partition ends.
    /// </summary>
    private async Task<FeedPage> ReadMembersAsync(
        string partition, DateTimeOffset? from, bool forward, int limit, FeedPosition? after, Func<FeedPosition, ImageRecord, bool> keep, CancellationToken cancellationToken)
    {
        var found = new List<ImageRecord>(limit);
        var position = after;
        for (var round = 0; round < MaxRounds; round++)
        {
            var (members, more) = await QueryMembersAsync(partition, from, position, forward, limit - found.Count, cancellationToken).ConfigureAwait(false);
            var records = await GetRecordsAsync(members.Select(member => member.ImageId), cancellationToken).ConfigureAwait(false);
            foreach (var member in members)
            {
                position = member;
                if (records.TryGetValue(member.ImageId, out var record) && keep(member, record))
                {
                    found.Add(record);
                }
            }
            if (!more)
            {
                return new FeedPage(found, null);
            }
            if (found.Count >= limit)
            {
                break;
            }
        }
        return new FeedPage(found, position);
    }

    public async Task<FeedLabelCounts> CountLabelsAsync(string feedId, CancellationToken cancellationToken)
    {
        var labels = new List<LabelCount>();
        long images = 0;
        DateTimeOffset? indexedThrough = null;
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            var response = await dynamoDb.QueryAsync(new QueryRequest
            {
                TableName = feedIndexTable,
                KeyConditionExpression = "pk = :pk",
                ExpressionAttributeValues = new Dictionary<string, AttributeValue>(StringComparer.Ordinal) { [":pk"] = new() { S = CountsPartition(feedId) } },
                ProjectionExpression = "sk, #count, #name, #at",
                ExpressionAttributeNames = new Dictionary<string, string>(StringComparer.Ordinal) { ["#count"] = "count", ["#name"] = "name", ["#at"] = "at" },
                ExclusiveStartKey = start,
            }, cancellationToken).ConfigureAwait(false);
            foreach (var item in response.Items ?? [])
            {
                var count = item.TryGetValue("count", out var n) && n.N is { } text ? long.Parse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture) : 0;
                var sortKey = item[FeedIndexKeys.SortKey].S;
                if (sortKey == FeedSet.Images.Key)
                {
                    images = count;
                }
                else if (sortKey == IndexedThroughKey && item.TryGetValue("at", out var at) && at.N is { } milliseconds)
                {
                    indexedThrough = DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(milliseconds, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture));
                }
                else if (IsLabelCount(sortKey, out var normalized))
                {
                    labels.Add(new LabelCount(item.TryGetValue("name", out var name) && name.S is { } display ? display : normalized, count));
                }
            }
            start = response.LastEvaluatedKey is { Count: > 0 } next ? next : null;
        }
        while (start is not null);
        return new FeedLabelCounts(labels, images) { IndexedThrough = indexedThrough };
    }

    public async Task<IReadOnlyList<ImageRecord>> FindBySha256Async(string feedId, string sha256, CancellationToken cancellationToken)
    {
        var (members, _) = await QueryMembersAsync(SetPartition(feedId, FeedSet.Sha256(sha256)), null, null, forward: false, 25, cancellationToken).ConfigureAwait(false);
        var records = await GetRecordsAsync(members.Select(member => member.ImageId), cancellationToken).ConfigureAwait(false);
        return records.Values.Where(record => record.FeedId == feedId && record.Sha256 == sha256).ToArray();
    }

    private async Task<(IReadOnlyList<FeedPosition> Members, bool More)> QueryMembersAsync(
        string partition, DateTimeOffset? from, FeedPosition? after, bool forward, int limit, CancellationToken cancellationToken)
    {
        var values = new Dictionary<string, AttributeValue>(StringComparer.Ordinal) { [":pk"] = new() { S = partition } };
        var condition = "pk = :pk";
        if (from is { } since)
        {
            condition += " AND sk >= :from";
            values[":from"] = new() { S = UtcTimestampConverter.ToText(since) };
        }
        var response = await dynamoDb.QueryAsync(new QueryRequest
        {
            TableName = feedIndexTable,
            KeyConditionExpression = condition,
            ExpressionAttributeValues = values,
            ScanIndexForward = forward,
            Limit = Math.Max(1, limit),
            ProjectionExpression = "pk, sk",
            ExclusiveStartKey = after is null ? null : Key(partition, Position(after)),
        }, cancellationToken).ConfigureAwait(false);
        var members = (response.Items ?? []).Select(item => ParsePosition(item[FeedIndexKeys.SortKey].S)).ToArray();
        return (members, response.LastEvaluatedKey is { Count: > 0 });
    }

    /// <summary>Reads records by id with BatchGetItem (up to 100 a call), retrying what DynamoDB leaves unprocessed.</summary>
    private async Task<Dictionary<string, ImageRecord>> GetRecordsAsync(IEnumerable<string> imageIds, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, ImageRecord>(StringComparer.Ordinal);
        foreach (var chunk in imageIds.Distinct(StringComparer.Ordinal).Chunk(100))
        {
            var request = new Dictionary<string, KeysAndAttributes>(StringComparer.Ordinal)
            {
                [imagesTable] = new KeysAndAttributes
                {
                    Keys = chunk.Select(id => new Dictionary<string, AttributeValue>(StringComparer.Ordinal) { ["imageId"] = new() { S = id } }).ToList(),
                    ConsistentRead = true,
                },
            };
            for (var attempt = 0; request.Count > 0; attempt++)
            {
                if (attempt > 0)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(1000, 50 << Math.Min(attempt, 5))), cancellationToken).ConfigureAwait(false);
                }
                var response = await dynamoDb.BatchGetItemAsync(new BatchGetItemRequest { RequestItems = request }, cancellationToken).ConfigureAwait(false);
                if (response.Responses?.TryGetValue(imagesTable, out var items) == true)
                {
                    foreach (var record in items.Select(ImageItems.FromItem))
                    {
                        found[record.ImageId] = record;
                    }
                }
                request = response.UnprocessedKeys is { Count: > 0 } unprocessed ? unprocessed : [];
            }
        }
        return found;
    }
}
