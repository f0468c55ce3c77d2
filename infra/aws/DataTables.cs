using Amazon.CDK;
using Amazon.CDK.AWS.DynamoDB;
using Constructs;
using DynamoAttribute = Amazon.CDK.AWS.DynamoDB.Attribute;

namespace ImageLabelsLive.Infra;

/// <summary>
/// The Images and Connections tables. Keys and index names are a contract: the local host creates the same ones,
/// and the functions query the indexes by these names.
/// </summary>
internal sealed class DataTables : Construct
{
    public const string ImagesFeedIndex = "feedId-createdAt-index";
    public const string ConnectionsFeedIndex = "feedId-index";

    /// <summary>Epoch seconds after which a deleted image's tombstone is removed.</summary>
    public const string ImagesTimeToLiveAttribute = "expiresAt";
    /// <summary>
    /// The sweeper's sparse index: only records that are not final carry unfinishedStatus, so the index holds just
    /// them and a sweep Queries it instead of scanning the table.
    /// </summary>
    public const string ImagesUnfinishedIndex = "unfinished-updatedAt-index";

    public DataTables(Construct scope, string id)
        : base(scope, id)
    {
        Images = new Table(this, "Images", new TableProps
        {
            PartitionKey = new DynamoAttribute { Name = "imageId", Type = AttributeType.STRING },
            BillingMode = BillingMode.PAY_PER_REQUEST,
            // Both images: the pusher needs the new record, the notifier the old status to see a transition.
            Stream = StreamViewType.NEW_AND_OLD_IMAGES,
            PointInTimeRecovery = true,
            // Deleted images stay 7 days as tombstones, so tabs catching up learn of the deletion, then go.
            TimeToLiveAttribute = ImagesTimeToLiveAttribute,
            RemovalPolicy = RemovalPolicy.DESTROY,
        });
        Images.AddGlobalSecondaryIndex(new GlobalSecondaryIndexProps
        {
            IndexName = ImagesFeedIndex,
            PartitionKey = new DynamoAttribute { Name = "feedId", Type = AttributeType.STRING },
            SortKey = new DynamoAttribute { Name = "createdAt", Type = AttributeType.STRING },
            ProjectionType = ProjectionType.ALL,
        });
        Images.AddGlobalSecondaryIndex(new GlobalSecondaryIndexProps
        {
            IndexName = ImagesUnfinishedIndex,
            PartitionKey = new DynamoAttribute { Name = "unfinishedStatus", Type = AttributeType.STRING },
            SortKey = new DynamoAttribute { Name = "updatedAt", Type = AttributeType.STRING },
            ProjectionType = ProjectionType.ALL,
        });

        FeedIndex = new Table(this, "FeedIndex", new TableProps
        {
            PartitionKey = new DynamoAttribute { Name = "pk", Type = AttributeType.STRING },
            SortKey = new DynamoAttribute { Name = "sk", Type = AttributeType.STRING },
            BillingMode = BillingMode.PAY_PER_REQUEST,
            PointInTimeRecovery = true,
            RemovalPolicy = RemovalPolicy.DESTROY,
        });

        Connections = new Table(this, "Connections", new TableProps
        {
            PartitionKey = new DynamoAttribute { Name = "connectionId", Type = AttributeType.STRING },
            BillingMode = BillingMode.PAY_PER_REQUEST,
            // API Gateway drops a connection after 2 h; TTL sweeps the rows whose $disconnect never came.
            TimeToLiveAttribute = "expiresAt",
            RemovalPolicy = RemovalPolicy.DESTROY,
        });
        Connections.AddGlobalSecondaryIndex(new GlobalSecondaryIndexProps
        {
            IndexName = ConnectionsFeedIndex,
            PartitionKey = new DynamoAttribute { Name = "feedId", Type = AttributeType.STRING },
            // A stable order for paging a big feed's connections; locally it also keeps dynalite from merging two of them.
            SortKey = new DynamoAttribute { Name = "connectionId", Type = AttributeType.STRING },
            ProjectionType = ProjectionType.ALL,
        });

        SubscriptionRequests = new Table(this, "SubscriptionRequests", new TableProps
        {
            PartitionKey = new DynamoAttribute { Name = "counterId", Type = AttributeType.STRING },
            BillingMode = BillingMode.PAY_PER_REQUEST,
            TimeToLiveAttribute = "expiresAt",
            RemovalPolicy = RemovalPolicy.DESTROY,
        });
    }

    public Table Images { get; }

    /// <summary>
    /// Kept by IndexFeed from the Images stream: label members (pk {feedId}#label#{NAME}, sk {createdAt}#{imageId}), count
    /// items, the change log and the checksum lookup, so a label query reads only the matching images.
    /// </summary>
    public Table FeedIndex { get; }
    /// SubscribeToFeed's flood-limit counters: one small item per feed or address hash and hour, gone by TTL after the hour.
    /// </summary>
    public Table SubscriptionRequests { get; }

    public Table Connections { get; }

    /// <summary>The ARN of one of a table's indexes, for grants that allow a Query on that index alone.</summary>
    public static string IndexArn(Table table, string indexName)
    {
        ArgumentNullException.ThrowIfNull(table);
        return $"{table.TableArn}/index/{indexName}";
    }
}
