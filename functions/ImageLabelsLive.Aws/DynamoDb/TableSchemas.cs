using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace ImageLabelsLive.Aws.DynamoDb;

/// <summary>One table as DynamoDB is asked to create it, and the attribute its TTL reads (if any).</summary>
public sealed record TableSchema(CreateTableRequest Create, string? TimeToLiveAttribute)
{
    /// <summary>The request that switches TTL on, for a table that has one.</summary>
    public UpdateTimeToLiveRequest? TimeToLive() => TimeToLiveAttribute is null
        ? null
        : new UpdateTimeToLiveRequest
        {
            TableName = Create.TableName,
            TimeToLiveSpecification = new TimeToLiveSpecification { AttributeName = TimeToLiveAttribute, Enabled = true },
        };
}

/// <summary>
/// The app's DynamoDB tables, written once as the requests that create them: keys, indexes, stream and TTL. The CDK app
/// declares its tables from these, the local host creates them in dynalite from these, the tests create theirs from
/// these, and the adapters query the indexes by these names. A new index is one edit here.
/// </summary>
public static class TableSchemas
{
    /// <summary>Images by feed, newest first (createdAt sort): the feed's history pages.</summary>
    public const string ImagesFeedIndex = "feedId-createdAt-index";

    /// <summary>
    /// The sweeper's sparse index: only records that are not final carry <see cref="ImageItems.UnfinishedStatus"/>, so
    /// the index holds just them and a sweep Queries it instead of scanning the table.
    /// </summary>
    public const string ImagesUnfinishedIndex = "unfinished-updatedAt-index";

    /// <summary>
    /// Connections by feed. connectionId is its sort key: it gives a big feed's connections a stable paging order, and
    /// keeps dynalite (which tells apart one index key's entries by 24 bits of a hash) from merging two of them.
    /// </summary>
    public const string ConnectionsFeedIndex = "feedId-index";

    /// <summary>Epoch seconds after which TTL removes an item: tombstones, closed connections' rows, old counters.</summary>
    public const string TimeToLiveAttribute = "expiresAt";

    /// <summary>
    /// One item per image. The stream carries both images: the pusher needs the new record, the notifier the old
    /// status to see a transition. Deleted images stay 7 days as tombstones (TTL), so tabs catching up learn of them.
    /// </summary>
    public static TableSchema Images(string tableName) => new(
        new CreateTableRequest
        {
            TableName = tableName,
            BillingMode = BillingMode.PAY_PER_REQUEST,
            AttributeDefinitions =
            [
                String("imageId"), String("feedId"), String("createdAt"), String(ImageItems.UnfinishedStatus), String("updatedAt"),
            ],
            KeySchema = [Hash("imageId")],
            GlobalSecondaryIndexes =
            [
                Index(ImagesFeedIndex, "feedId", "createdAt"),
                Index(ImagesUnfinishedIndex, ImageItems.UnfinishedStatus, "updatedAt"),
            ],
            StreamSpecification = new StreamSpecification { StreamEnabled = true, StreamViewType = StreamViewType.NEW_AND_OLD_IMAGES },
        },
        TimeToLiveAttribute);

    /// <summary>One item per open socket. API Gateway drops a connection after 2 h; TTL removes rows whose $disconnect never came.</summary>
    public static TableSchema Connections(string tableName) => new(
        new CreateTableRequest
        {
            TableName = tableName,
            BillingMode = BillingMode.PAY_PER_REQUEST,
            AttributeDefinitions = [String("connectionId"), String("feedId")],
            KeySchema = [Hash("connectionId")],
            GlobalSecondaryIndexes = [Index(ConnectionsFeedIndex, "feedId", "connectionId")],
        },
        TimeToLiveAttribute);

    /// <summary>
    /// Kept by IndexFeed from the Images stream: label members (pk {feedId}#label#{NAME}, sk {createdAt}#{imageId}), count
    /// items, the change log and the checksum lookup, so a label query reads only the matching images.
    /// </summary>
    public static TableSchema FeedIndex(string tableName) => new(
        new CreateTableRequest
        {
            TableName = tableName,
            BillingMode = BillingMode.PAY_PER_REQUEST,
            AttributeDefinitions = [String("pk"), String("sk")],
            KeySchema = [Hash("pk"), new KeySchemaElement("sk", KeyType.RANGE)],
        },
        null);

    /// <summary>SubscribeToFeed's flood-limit counters: one small item per feed or address hash and hour, gone by TTL after the hour.</summary>
    public static TableSchema SubscriptionRequests(string tableName) => new(
        new CreateTableRequest
        {
            TableName = tableName,
            BillingMode = BillingMode.PAY_PER_REQUEST,
            AttributeDefinitions = [String("counterId")],
            KeySchema = [Hash("counterId")],
        },
        TimeToLiveAttribute);

    /// <summary>Every table of the app, under the given names.</summary>
    public static IReadOnlyList<TableSchema> All(string images, string connections, string feedIndex, string subscriptionRequests) =>
        [Images(images), Connections(connections), FeedIndex(feedIndex), SubscriptionRequests(subscriptionRequests)];

    private static AttributeDefinition String(string name) => new(name, ScalarAttributeType.S);

    private static KeySchemaElement Hash(string name) => new(name, KeyType.HASH);

    private static GlobalSecondaryIndex Index(string name, string partitionKey, string sortKey) => new()
    {
        IndexName = name,
        KeySchema = [Hash(partitionKey), new KeySchemaElement(sortKey, KeyType.RANGE)],
        Projection = new Projection { ProjectionType = ProjectionType.ALL },
    };
}
