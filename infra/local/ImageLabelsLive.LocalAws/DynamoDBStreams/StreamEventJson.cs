using System.Text.Json;
using System.Text.Json.Serialization;
using Amazon.Lambda.DynamoDBEvents;
using Amazon.Lambda.Serialization.SystemTextJson.Converters;

namespace ImageLabelsLive.LocalAws.DynamoDBStreams;

/// <summary>
/// Writes the batches a DynamoDB event source mapping hands a function as the functions' own <see cref="DynamoDBEvent"/>,
/// with Lambda's names (<see cref="StreamEventNaming"/>), absent members left out, binary values in base64.
/// </summary>
[JsonSerializable(typeof(DynamoDBEvent))]
[JsonSerializable(typeof(Dictionary<string, DynamoDBEvent.AttributeValue>), TypeInfoPropertyName = "AttributeValueMap")]
internal sealed partial class StreamEventJson : JsonSerializerContext
{
    /// <summary>The context with Lambda's names and time format (a naming policy of its own cannot be given to the generator).</summary>
    public static StreamEventJson Wire { get; } = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = new StreamEventNaming(),
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new EpochSecondsConverter(), new MemoryStreamConverter() },
    });
}
