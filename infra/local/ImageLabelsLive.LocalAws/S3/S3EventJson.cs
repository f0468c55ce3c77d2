using System.Text.Json;
using System.Text.Json.Serialization;
using Amazon.Lambda.S3Events;

namespace ImageLabelsLive.LocalAws.S3;

/// <summary>
/// Writes and reads the S3 event notifications Lambda receives, as the functions' own <see cref="S3Event"/> type:
/// "Records", then camelCase members (eventVersion, s3SchemaVersion, sourceIPAddress, eTag, …), absent ones left out,
/// and eventTime in S3's millisecond form. Journal files written before the event type was shared read the same.
/// </summary>
[JsonSerializable(typeof(S3Event))]
internal sealed partial class S3EventJson : JsonSerializerContext
{
    /// <summary>The context with S3's names and time format (a naming policy of its own cannot be given to the generator).</summary>
    public static S3EventJson Wire { get; } = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = new S3EventNaming(),
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new S3EventTimeConverter() },
    });
}
