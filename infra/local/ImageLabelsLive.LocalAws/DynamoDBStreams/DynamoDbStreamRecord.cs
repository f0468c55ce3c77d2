using System.Text.Json.Serialization;

namespace ImageLabelsLive.LocalAws.DynamoDBStreams;

/// <summary>
/// One stream record in the exact Lambda shape. Immutable, so every consumer can share the same instance.
/// </summary>
public sealed class DynamoDbStreamRecord
{
    [JsonPropertyName("eventID")]
    public required string EventId { get; init; }

    /// <summary>INSERT, MODIFY or REMOVE.</summary>
    [JsonPropertyName("eventName")]
    public required string EventName { get; init; }

    [JsonPropertyName("eventVersion")]
    public string EventVersion { get; init; } = "1.1";

    [JsonPropertyName("eventSource")]
    public string EventSource { get; init; } = "aws:dynamodb";

    [JsonPropertyName("awsRegion")]
    public required string AwsRegion { get; init; }

    [JsonPropertyName("dynamodb")]
    public required DynamoDbStreamRecordData Dynamodb { get; init; }

    [JsonPropertyName("eventSourceARN")]
    public required string EventSourceArn { get; init; }
}
