using System.Text.Json;
using System.Text.Json.Serialization;

namespace ImageLabelsLive.LocalAws.DynamoDBStreams;

/// <summary>The event Lambda's DynamoDB event source mapping hands a function: <c>{"Records":[...]}</c>.</summary>
public sealed class DynamoDbStreamEvent
{
    [JsonPropertyName("Records")]
    public required IReadOnlyList<DynamoDbStreamRecord> Records { get; init; }
}

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

/// <summary>What a function with ReportBatchItemFailures answers: the records to retry, by sequence number.</summary>
public sealed class StreamsEventResponse
{
    [JsonPropertyName("batchItemFailures")]
    public IReadOnlyList<StreamsBatchItemFailure?>? BatchItemFailures { get; init; }
}

public sealed class StreamsBatchItemFailure
{
    [JsonPropertyName("itemIdentifier")]
    public string? ItemIdentifier { get; init; }
}

/// <summary>One line of the on-failure destination file: the record that could not be delivered, and why.</summary>
public sealed class StreamFailureEntry
{
    [JsonPropertyName("timestamp")]
    public required DateTimeOffset Timestamp { get; init; }

    [JsonPropertyName("functionName")]
    public required string FunctionName { get; init; }

    /// <summary>RetryAttemptsExhausted or RecordAgeExceeded, Lambda's conditions for stream on-failure destinations.</summary>
    [JsonPropertyName("condition")]
    public required string Condition { get; init; }

    [JsonPropertyName("error")]
    public required string Error { get; init; }

    [JsonPropertyName("attempts")]
    public required int Attempts { get; init; }

    [JsonPropertyName("record")]
    public required DynamoDbStreamRecord Record { get; init; }
}

[JsonSourceGenerationOptions(WriteIndented = false)]
[JsonSerializable(typeof(DynamoDbStreamEvent))]
[JsonSerializable(typeof(StreamsEventResponse))]
[JsonSerializable(typeof(StreamFailureEntry))]
internal sealed partial class StreamJsonContext : JsonSerializerContext;
