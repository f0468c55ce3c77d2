using System.Text.Json;
using System.Text.Json.Serialization;

namespace ImageLabelsLive.LocalAws.DynamoDBStreams;

/// <summary>The <c>dynamodb</c> member: keys and images in DynamoDB JSON, exactly as the table holds them.</summary>
public sealed class DynamoDbStreamRecordData
{
    /// <summary>Epoch seconds, a JSON number, as Lambda sends it.</summary>
    [JsonPropertyName("ApproximateCreationDateTime")]
    public required long ApproximateCreationDateTime { get; init; }

    [JsonPropertyName("Keys")]
    public required IReadOnlyDictionary<string, JsonElement> Keys { get; init; }

    [JsonPropertyName("NewImage")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, JsonElement>? NewImage { get; init; }

    [JsonPropertyName("OldImage")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, JsonElement>? OldImage { get; init; }

    /// <summary>Increasing within the stream; Lambda's batchItemFailures name records by it.</summary>
    [JsonPropertyName("SequenceNumber")]
    public required string SequenceNumber { get; init; }

    [JsonPropertyName("SizeBytes")]
    public required long SizeBytes { get; init; }

    [JsonPropertyName("StreamViewType")]
    public required string StreamViewType { get; init; }
}
