using System.Globalization;
using System.Net;
using Amazon.Lambda.S3Events;

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

    public S3Event.S3EventNotificationRecord For(S3Call call, S3ObjectInfo stored)
    {
        var source = call.Http.Connection.RemoteIpAddress is { } address
            ? (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString()
            : IPAddress.Loopback.ToString();
        var principal = call.Caller.Authorization is { } authorization ? "AWS:" + authorization.AccessKeyId : "Anonymous";
        return new S3Event.S3EventNotificationRecord
        {
            EventVersion = "2.1",
            EventSource = "aws:s3",
            AwsRegion = options.Region,
            EventTime = time.GetUtcNow().UtcDateTime,
            EventName = "ObjectCreated:Put",
            UserIdentity = new S3Event.UserIdentityEntity { PrincipalId = principal },
            RequestParameters = new S3Event.RequestParametersEntity { SourceIPAddress = source },
            ResponseElements = new S3Event.ResponseElementsEntity { XAmzRequestId = call.RequestId, XAmzId2 = call.HostId },
            S3 = new S3Event.S3Entity
            {
                S3SchemaVersion = "1.0",
                ConfigurationId = options.NotificationConfigurationId,
                Bucket = new S3Event.S3BucketEntity
                {
                    Name = stored.Bucket,
                    OwnerIdentity = new S3Event.UserIdentityEntity { PrincipalId = options.OwnerId },
                    Arn = "arn:aws:s3:::" + stored.Bucket,
                },
                Object = new S3Event.S3ObjectEntity
                {
                    Key = S3EventKey.Encode(stored.Key),
                    Size = stored.Size,
                    ETag = stored.ETag,
                    Sequencer = Interlocked.Increment(ref sequencer).ToString("X18", CultureInfo.InvariantCulture),
                },
            },
        };
    }
}
