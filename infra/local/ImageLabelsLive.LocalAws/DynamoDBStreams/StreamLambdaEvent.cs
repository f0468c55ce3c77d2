using System.Text.Json;
using Amazon.Lambda.DynamoDBEvents;

namespace ImageLabelsLive.LocalAws.DynamoDBStreams;

/// <summary>The event a batch of stream records becomes: <c>{"Records":[...]}</c>, as Lambda's event source mapping sends it.</summary>
internal static class StreamLambdaEvent
{
    public static byte[] Serialize(IEnumerable<DynamoDbStreamRecord> records)
    {
        var lambdaEvent = new DynamoDBEvent { Records = records.Select(ToLambdaRecord).ToList() };
        return JsonSerializer.SerializeToUtf8Bytes(lambdaEvent, StreamEventJson.Wire.DynamoDBEvent);
    }

    private static DynamoDBEvent.DynamodbStreamRecord ToLambdaRecord(DynamoDbStreamRecord record) => new()
    {
        EventID = record.EventId,
        EventName = record.EventName,
        EventVersion = record.EventVersion,
        EventSource = record.EventSource,
        AwsRegion = record.AwsRegion,
        Dynamodb = new DynamoDBEvent.StreamRecord
        {
            ApproximateCreationDateTime = DateTime.UnixEpoch.AddSeconds(record.Dynamodb.ApproximateCreationDateTime),
            Keys = ToAttributeValues(record.Dynamodb.Keys),
            NewImage = record.Dynamodb.NewImage is { } newImage ? ToAttributeValues(newImage) : null,
            OldImage = record.Dynamodb.OldImage is { } oldImage ? ToAttributeValues(oldImage) : null,
            SequenceNumber = record.Dynamodb.SequenceNumber,
            SizeBytes = record.Dynamodb.SizeBytes,
            StreamViewType = record.Dynamodb.StreamViewType,
        },
        EventSourceArn = record.EventSourceArn,
    };

    /// <summary>The item as the table holds it (DynamoDB JSON), read into the event's attribute type the way a function reads it.</summary>
    private static Dictionary<string, DynamoDBEvent.AttributeValue> ToAttributeValues(IReadOnlyDictionary<string, JsonElement> item) =>
        item.ToDictionary(
            attribute => attribute.Key,
            attribute => attribute.Value.Deserialize(StreamEventJson.Wire.AttributeValue)!,
            StringComparer.Ordinal);
}
