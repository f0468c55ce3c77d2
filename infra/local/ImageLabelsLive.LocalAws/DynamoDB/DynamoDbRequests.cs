using System.Text.Json;
using System.Text.Json.Serialization;

namespace ImageLabelsLive.LocalAws.DynamoDB;

// The few DynamoDB JSON 1.0 requests the endpoint makes itself; member names are DynamoDB's own.

internal sealed record DescribeTableRequest(string TableName);

internal sealed record GetItemRequest(string TableName, IReadOnlyDictionary<string, JsonElement> Key, bool ConsistentRead);

internal sealed record ListTablesRequest(int Limit);

internal sealed record KeySchemaElement(string AttributeName, string KeyType);

internal sealed record AttributeDefinition(string AttributeName, string AttributeType);

internal sealed record Projection(string ProjectionType);

internal sealed record GlobalSecondaryIndex(string IndexName, IReadOnlyList<KeySchemaElement> KeySchema, Projection Projection);

internal sealed record CreateTableRequest(
    string TableName,
    IReadOnlyList<AttributeDefinition> AttributeDefinitions,
    IReadOnlyList<KeySchemaElement> KeySchema,
    string BillingMode,
    // A table without indexes (FeedIndex) sends none: DynamoDB refuses an empty or null list.
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<GlobalSecondaryIndex>? GlobalSecondaryIndexes);

internal sealed record TimeToLiveSpecification(string AttributeName, bool Enabled);

internal sealed record UpdateTimeToLiveRequest(string TableName, TimeToLiveSpecification TimeToLiveSpecification);

[JsonSerializable(typeof(DescribeTableRequest))]
[JsonSerializable(typeof(GetItemRequest))]
[JsonSerializable(typeof(ListTablesRequest))]
[JsonSerializable(typeof(CreateTableRequest))]
[JsonSerializable(typeof(UpdateTimeToLiveRequest))]
internal sealed partial class DynamoDbJsonContext : JsonSerializerContext;
