using System.Text.Json.Serialization;

namespace Amazon.Lambda.DynamoDBEvents;

/// <summary>A batch of DynamoDB Streams records as Amazon.Lambda.DynamoDBEvents 3.x defines it (no AWSSDK dependency).</summary>
public class DynamoDBEvent
{
    [JsonPropertyName("Records")]
    public IList<DynamodbStreamRecord>? Records { get; set; }

    public class DynamodbStreamRecord
    {
        [JsonPropertyName("eventID")]
        public string? EventID { get; set; }

        /// <summary>INSERT, MODIFY or REMOVE.</summary>
        [JsonPropertyName("eventName")]
        public string? EventName { get; set; }

        [JsonPropertyName("eventVersion")]
        public string? EventVersion { get; set; }

        [JsonPropertyName("eventSource")]
        public string? EventSource { get; set; }

        [JsonPropertyName("awsRegion")]
        public string? AwsRegion { get; set; }

        [JsonPropertyName("dynamodb")]
        public StreamRecord? Dynamodb { get; set; }

        [JsonPropertyName("eventSourceARN")]
        public string? EventSourceArn { get; set; }

        /// <summary>Present when DynamoDB itself made the change, e.g. a TTL deletion.</summary>
        [JsonPropertyName("userIdentity")]
        public Identity? UserIdentity { get; set; }
    }

    public class StreamRecord
    {
        /// <summary>Sent as epoch seconds (a JSON number); absent in some test payloads.</summary>
        [JsonPropertyName("ApproximateCreationDateTime")]
        [JsonConverter(typeof(EpochSecondsDateTimeConverter))]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
        public DateTime ApproximateCreationDateTime { get; set; }

        [JsonPropertyName("Keys")]
        public Dictionary<string, AttributeValue>? Keys { get; set; }

        [JsonPropertyName("NewImage")]
        public Dictionary<string, AttributeValue>? NewImage { get; set; }

        [JsonPropertyName("OldImage")]
        public Dictionary<string, AttributeValue>? OldImage { get; set; }

        /// <summary>Unique within the shard; Lambda's batchItemFailures name records by it.</summary>
        [JsonPropertyName("SequenceNumber")]
        public string? SequenceNumber { get; set; }

        [JsonPropertyName("SizeBytes")]
        public long SizeBytes { get; set; }

        /// <summary>KEYS_ONLY, NEW_IMAGE, OLD_IMAGE or NEW_AND_OLD_IMAGES.</summary>
        [JsonPropertyName("StreamViewType")]
        public string? StreamViewType { get; set; }
    }

    public class Identity
    {
        [JsonPropertyName("principalId")]
        public string? PrincipalId { get; set; }

        [JsonPropertyName("type")]
        public string? Type { get; set; }
    }

    /// <summary>A DynamoDB attribute in DynamoDB JSON: exactly one member is set.</summary>
    public class AttributeValue
    {
        [JsonPropertyName("S")]
        public string? S { get; set; }

        /// <summary>Numbers travel as strings to keep DynamoDB's 38-digit precision.</summary>
        [JsonPropertyName("N")]
        public string? N { get; set; }

        [JsonPropertyName("B")]
        [JsonConverter(typeof(Base64MemoryStreamConverter))]
        public MemoryStream? B { get; set; }

        [JsonPropertyName("SS")]
        public List<string>? SS { get; set; }

        [JsonPropertyName("NS")]
        public List<string>? NS { get; set; }

        [JsonPropertyName("BS")]
        [JsonConverter(typeof(Base64MemoryStreamListConverter))]
        public List<MemoryStream>? BS { get; set; }

        [JsonPropertyName("M")]
        public Dictionary<string, AttributeValue>? M { get; set; }

        [JsonPropertyName("L")]
        public List<AttributeValue>? L { get; set; }

        [JsonPropertyName("NULL")]
        public bool? NULL { get; set; }

        [JsonPropertyName("BOOL")]
        public bool? BOOL { get; set; }
    }
}
