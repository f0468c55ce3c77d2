using System.Text.Json.Serialization;

namespace ImageLabelsLive.LocalAws.DynamoDBStreams;

/// <summary>The event Lambda's DynamoDB event source mapping hands a function: <c>{"Records":[...]}</c>.</summary>
public sealed class DynamoDbStreamEvent
{
    [JsonPropertyName("Records")]
    public required IReadOnlyList<DynamoDbStreamRecord> Records { get; init; }
}
