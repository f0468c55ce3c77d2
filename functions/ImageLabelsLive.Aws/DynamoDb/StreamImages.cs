using Amazon.Lambda.DynamoDBEvents;
using ImageLabelsLive.Core.Images;
using SdkAttributeValue = Amazon.DynamoDBv2.Model.AttributeValue;
using StreamAttributeValue = Amazon.Lambda.DynamoDBEvents.DynamoDBEvent.AttributeValue;

namespace ImageLabelsLive.Aws.DynamoDb;

/// <summary>Reads a stream record's NewImage/OldImage (Lambda's attribute type) as an image record, through the table's own mapping.</summary>
public static class StreamImages
{
    public static ImageRecord? ToRecord(Dictionary<string, StreamAttributeValue>? image) =>
        image is null || image.Count == 0 ? null : ImageItems.FromItem(image.ToDictionary(pair => pair.Key, pair => ToSdk(pair.Value), StringComparer.Ordinal));

    public static SdkAttributeValue ToSdk(StreamAttributeValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new SdkAttributeValue
        {
            S = value.S,
            N = value.N,
            B = value.B,
            SS = value.SS,
            NS = value.NS,
            BS = value.BS,
            BOOL = value.BOOL,
            NULL = value.NULL,
            M = value.M?.ToDictionary(pair => pair.Key, pair => ToSdk(pair.Value), StringComparer.Ordinal),
            L = value.L?.Select(ToSdk).ToList(),
        };
    }
}
