using System.Text;
using System.Text.Json.Serialization;

namespace ImageLabelsLive.LocalAws.S3;

/// <summary>An S3 event notification exactly as Lambda receives it (event structure version 2.1).</summary>
internal sealed record S3EventNotification(
    [property: JsonPropertyName("Records")] IReadOnlyList<S3EventRecord> Records);

internal sealed record S3EventRecord(
    [property: JsonPropertyName("eventVersion")] string EventVersion,
    [property: JsonPropertyName("eventSource")] string EventSource,
    [property: JsonPropertyName("awsRegion")] string AwsRegion,
    [property: JsonPropertyName("eventTime")] string EventTime,
    [property: JsonPropertyName("eventName")] string EventName,
    [property: JsonPropertyName("userIdentity")] S3EventIdentity UserIdentity,
    [property: JsonPropertyName("requestParameters")] S3EventRequestParameters RequestParameters,
    [property: JsonPropertyName("responseElements")] S3EventResponseElements ResponseElements,
    [property: JsonPropertyName("s3")] S3EventEntity S3);

internal sealed record S3EventIdentity(
    [property: JsonPropertyName("principalId")] string PrincipalId);

internal sealed record S3EventRequestParameters(
    [property: JsonPropertyName("sourceIPAddress")] string SourceIpAddress);

internal sealed record S3EventResponseElements(
    [property: JsonPropertyName("x-amz-request-id")] string RequestId,
    [property: JsonPropertyName("x-amz-id-2")] string HostId);

internal sealed record S3EventEntity(
    [property: JsonPropertyName("s3SchemaVersion")] string SchemaVersion,
    [property: JsonPropertyName("configurationId")] string ConfigurationId,
    [property: JsonPropertyName("bucket")] S3EventBucket Bucket,
    [property: JsonPropertyName("object")] S3EventObject Object);

internal sealed record S3EventBucket(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("ownerIdentity")] S3EventIdentity OwnerIdentity,
    [property: JsonPropertyName("arn")] string Arn);

internal sealed record S3EventObject(
    [property: JsonPropertyName("key")] string Key,
    [property: JsonPropertyName("size")] long Size,
    [property: JsonPropertyName("eTag")] string ETag,
    [property: JsonPropertyName("sequencer")] string Sequencer);

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(S3EventNotification))]
[JsonSerializable(typeof(S3ObjectMetadata))]
internal sealed partial class S3JsonContext : JsonSerializerContext;

/// <summary>
/// How S3 writes an object key into an event: form-style URL encoding of the UTF-8 bytes ("my photo.jpg" →
/// "my+photo.jpg", "a+b" → "a%2Bb", "é" → "%C3%A9"), leaving letters, digits, '-', '_', '.', '*' and '/' as they are.
/// A consumer gets the key back with WebUtility.UrlDecode.
/// </summary>
internal static class S3EventKey
{
    public static string Encode(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var builder = new StringBuilder(key.Length + 16);
        foreach (var b in Encoding.UTF8.GetBytes(key))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '*' or '/')
            {
                builder.Append(c);
            }
            else if (c == ' ')
            {
                builder.Append('+');
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }
        return builder.ToString();
    }
}
