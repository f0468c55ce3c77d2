namespace Amazon.Lambda.DynamoDBEvents;

/// <summary>A batch of DynamoDB Streams records as Amazon.Lambda.DynamoDBEvents 3.x defines it (no AWSSDK dependency).</summary>
public class DynamoDBEvent
{
    public IList<DynamodbStreamRecord>? Records { get; set; }

    public class DynamodbStreamRecord
    {
        public string? EventID { get; set; }

        /// <summary>INSERT, MODIFY or REMOVE.</summary>
        public string? EventName { get; set; }

        public string? EventVersion { get; set; }

        public string? EventSource { get; set; }

        public string? AwsRegion { get; set; }

        public StreamRecord? Dynamodb { get; set; }

        public string? EventSourceArn { get; set; }

        /// <summary>Present when DynamoDB itself made the change, e.g. a TTL deletion.</summary>
        public Identity? UserIdentity { get; set; }
    }

    public class StreamRecord
    {
        /// <summary>Sent as epoch seconds (a JSON number); absent in some test payloads.</summary>
        public DateTime ApproximateCreationDateTime { get; set; }

        public Dictionary<string, AttributeValue>? Keys { get; set; }

        public Dictionary<string, AttributeValue>? NewImage { get; set; }

        public Dictionary<string, AttributeValue>? OldImage { get; set; }

        /// <summary>Unique within the shard; Lambda's batchItemFailures name records by it.</summary>
        public string? SequenceNumber { get; set; }

        public long SizeBytes { get; set; }

        /// <summary>KEYS_ONLY, NEW_IMAGE, OLD_IMAGE or NEW_AND_OLD_IMAGES.</summary>
        public string? StreamViewType { get; set; }
    }

    public class Identity
    {
        public string? PrincipalId { get; set; }

        public string? Type { get; set; }
    }

    /// <summary>A DynamoDB attribute in DynamoDB JSON: exactly one member is set.</summary>
    public class AttributeValue
    {
        public string? S { get; set; }

        /// <summary>Numbers travel as strings to keep DynamoDB's 38-digit precision.</summary>
        public string? N { get; set; }

        public MemoryStream? B { get; set; }

        public List<string>? SS { get; set; }

        public List<string>? NS { get; set; }

        public List<MemoryStream>? BS { get; set; }

        public Dictionary<string, AttributeValue>? M { get; set; }

        public List<AttributeValue>? L { get; set; }

        public bool? NULL { get; set; }

        public bool? BOOL { get; set; }
    }
}
