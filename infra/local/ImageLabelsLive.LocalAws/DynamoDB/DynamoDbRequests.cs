using System.Text.Json;
using System.Text.Json.Serialization;

namespace ImageLabelsLive.LocalAws.DynamoDB;

// The DynamoDB JSON 1.0 request the endpoint makes itself on the hot path, whose answer the stream records keep as it is
// (control calls use AWSSDK's client, DynaliteSdkClient); member names are DynamoDB's own.

internal sealed record GetItemRequest(string TableName, IReadOnlyDictionary<string, JsonElement> Key, bool ConsistentRead);

[JsonSerializable(typeof(GetItemRequest))]
internal sealed partial class DynamoDbJsonContext : JsonSerializerContext;
