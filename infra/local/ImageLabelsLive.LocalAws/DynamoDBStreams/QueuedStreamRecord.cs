namespace ImageLabelsLive.LocalAws.DynamoDBStreams;

/// <summary>A stream record as a consumer queues it, with when it was produced (for MaximumRecordAge).</summary>
internal sealed record QueuedStreamRecord(DynamoDbStreamRecord Record, DateTimeOffset ProducedAt);
