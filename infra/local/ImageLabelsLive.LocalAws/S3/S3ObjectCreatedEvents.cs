using System.Globalization;
using System.Net;

namespace ImageLabelsLive.LocalAws.S3;

/// <summary>Writes the ObjectCreated:Put record S3 sends for a stored object, with a sequencer that only grows.</summary>
internal sealed class S3ObjectCreatedEvents
{
    private readonly LocalS3Options options;
    private readonly TimeProvider time;
    private long sequencer;

    public S3ObjectCreatedEvents(LocalS3Options options, TimeProvider time)
    {
        this.options = options;
        this.time = time;
        sequencer = time.GetUtcNow().UtcTicks;
    }

    public S3EventRecord For(S3Call call, S3ObjectInfo stored)
    {
        var source = call.Http.Connection.RemoteIpAddress is { } address
            ? (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString()
            : IPAddress.Loopback.ToString();
        var principal = call.Caller.Authorization is { } authorization ? "AWS:" + authorization.AccessKeyId : "Anonymous";
        return new S3EventRecord(
            EventVersion: "2.1",
            EventSource: "aws:s3",
            AwsRegion: options.Region,
            EventTime: time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            EventName: "ObjectCreated:Put",
            UserIdentity: new S3EventIdentity(principal),
            RequestParameters: new S3EventRequestParameters(source),
            ResponseElements: new S3EventResponseElements(call.RequestId, call.HostId),
            S3: new S3EventEntity(
                SchemaVersion: "1.0",
                ConfigurationId: options.NotificationConfigurationId,
                Bucket: new S3EventBucket(stored.Bucket, new S3EventIdentity(options.OwnerId), "arn:aws:s3:::" + stored.Bucket),
                Object: new S3EventObject(
                    S3EventKey.Encode(stored.Key),
                    stored.Size,
                    stored.ETag,
                    Interlocked.Increment(ref sequencer).ToString("X18", CultureInfo.InvariantCulture))));
    }
}
