using System.Text.Json.Serialization;

namespace ImageLabelsLive.LocalAws.DynamoDBStreams;

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
