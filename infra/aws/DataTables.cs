using Amazon.CDK;
using Amazon.CDK.AWS.DynamoDB;
using Constructs;
using ImageLabelsLive.Aws.DynamoDb;
using DynamoAttribute = Amazon.CDK.AWS.DynamoDB.Attribute;
using Sdk = Amazon.DynamoDBv2;

namespace ImageLabelsLive.Infra;

/// <summary>
/// The app's tables, declared from <see cref="TableSchemas"/>: the same keys, indexes, stream and TTL the local host
/// creates and the functions query. What only AWS has (point-in-time recovery, removal policy) is added here.
/// </summary>
internal sealed class DataTables : Construct
{
    public DataTables(Construct scope, string id)
        : base(scope, id)
    {
        Images = Declare("Images", TableSchemas.Images("Images"), pointInTimeRecovery: true);
        FeedIndex = Declare("FeedIndex", TableSchemas.FeedIndex("FeedIndex"), pointInTimeRecovery: true);
        Connections = Declare("Connections", TableSchemas.Connections("Connections"), pointInTimeRecovery: false);
        SubscriptionRequests = Declare("SubscriptionRequests", TableSchemas.SubscriptionRequests("SubscriptionRequests"), pointInTimeRecovery: false);
    }

    /// <inheritdoc cref="TableSchemas.Images"/>
    public Table Images { get; }

    /// <inheritdoc cref="TableSchemas.FeedIndex"/>
    public Table FeedIndex { get; }

    /// <inheritdoc cref="TableSchemas.SubscriptionRequests"/>
    public Table SubscriptionRequests { get; }

    /// <inheritdoc cref="TableSchemas.Connections"/>
    public Table Connections { get; }

    /// <summary>The ARN of one of a table's indexes, for grants that allow a Query on that index alone.</summary>
    public static string IndexArn(Table table, string indexName)
    {
        ArgumentNullException.ThrowIfNull(table);
        return $"{table.TableArn}/index/{indexName}";
    }

    /// <summary>A CDK table from the schema's CreateTableRequest (CloudFormation names the table itself).</summary>
    private Table Declare(string id, TableSchema schema, bool pointInTimeRecovery)
    {
        var create = schema.Create;
        var table = new Table(this, id, new TableProps
        {
            PartitionKey = Key(create, create.KeySchema, Sdk.KeyType.HASH)!,
            SortKey = Key(create, create.KeySchema, Sdk.KeyType.RANGE),
            BillingMode = create.BillingMode == Sdk.BillingMode.PAY_PER_REQUEST ? BillingMode.PAY_PER_REQUEST : BillingMode.PROVISIONED,
            Stream = create.StreamSpecification is { StreamEnabled: true } stream ? StreamView(stream.StreamViewType) : null,
            PointInTimeRecovery = pointInTimeRecovery,
            TimeToLiveAttribute = schema.TimeToLiveAttribute,
            RemovalPolicy = RemovalPolicy.DESTROY,
        });
        foreach (var index in create.GlobalSecondaryIndexes ?? [])
        {
            table.AddGlobalSecondaryIndex(new GlobalSecondaryIndexProps
            {
                IndexName = index.IndexName,
                PartitionKey = Key(create, index.KeySchema, Sdk.KeyType.HASH)!,
                SortKey = Key(create, index.KeySchema, Sdk.KeyType.RANGE),
                ProjectionType = index.Projection.ProjectionType == Sdk.ProjectionType.KEYS_ONLY ? ProjectionType.KEYS_ONLY : ProjectionType.ALL,
            });
        }
        return table;
    }

    private static DynamoAttribute? Key(Sdk.Model.CreateTableRequest create, List<Sdk.Model.KeySchemaElement> keys, Sdk.KeyType role)
    {
        var name = keys.SingleOrDefault(key => key.KeyType == role)?.AttributeName;
        if (name is null)
        {
            return null;
        }
        var type = create.AttributeDefinitions.Single(attribute => attribute.AttributeName == name).AttributeType;
        return new DynamoAttribute
        {
            Name = name,
            Type = type == Sdk.ScalarAttributeType.N ? AttributeType.NUMBER : type == Sdk.ScalarAttributeType.B ? AttributeType.BINARY : AttributeType.STRING,
        };
    }

    private static StreamViewType StreamView(Sdk.StreamViewType view) =>
        view == Sdk.StreamViewType.NEW_AND_OLD_IMAGES ? StreamViewType.NEW_AND_OLD_IMAGES
        : view == Sdk.StreamViewType.NEW_IMAGE ? StreamViewType.NEW_IMAGE
        : view == Sdk.StreamViewType.OLD_IMAGE ? StreamViewType.OLD_IMAGE
        : StreamViewType.KEYS_ONLY;
}
