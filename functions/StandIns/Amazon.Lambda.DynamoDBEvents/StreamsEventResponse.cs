using System.Text.Json.Serialization;

namespace Amazon.Lambda.DynamoDBEvents;

/// <summary>
/// The answer of a stream consumer with ReportBatchItemFailures: the records to retry, named by sequence number.
/// An empty list means the whole batch succeeded.
/// </summary>
public class StreamsEventResponse
{
    [JsonPropertyName("batchItemFailures")]
    public IList<BatchItemFailure>? BatchItemFailures { get; set; }

    public class BatchItemFailure
    {
        [JsonPropertyName("itemIdentifier")]
        public string? ItemIdentifier { get; set; }
    }
}
