using System.Text.Json;
using System.Text.Json.Serialization;

namespace ImageLabelsLive.LocalAws.DynamoDB;

// The few DynamoDB JSON 1.0 requests the endpoint makes itself on the hot path (table setup uses AWSSDK's client); member names are DynamoDB's own.

internal sealed record DescribeTableRequest(string TableName);

internal sealed record GetItemRequest(string TableName, IReadOnlyDictionary<string, JsonElement> Key, bool ConsistentRead);

internal sealed record ListTablesRequest(int Limit);

[JsonSerializable(typeof(DescribeTableRequest))]
[JsonSerializable(typeof(GetItemRequest))]
[JsonSerializable(typeof(ListTablesRequest))]
internal sealed partial class DynamoDbJsonContext : JsonSerializerContext;
