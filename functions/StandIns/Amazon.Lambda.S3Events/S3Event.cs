using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;

namespace Amazon.Lambda.S3Events;

/// <summary>An S3 event notification as Amazon.Lambda.S3Events 3.x defines it.</summary>
public class S3Event
{
    public List<S3EventNotificationRecord>? Records { get; set; }

    public class S3EventNotificationRecord
    {
        public string? EventVersion { get; set; }

        public string? EventSource { get; set; }

        public string? AwsRegion { get; set; }

        public DateTime EventTime { get; set; }

        /// <summary>For example "ObjectCreated:Put".</summary>
        public string? EventName { get; set; }

        public UserIdentityEntity? UserIdentity { get; set; }

        public RequestParametersEntity? RequestParameters { get; set; }

        public ResponseElementsEntity? ResponseElements { get; set; }

        public S3Entity? S3 { get; set; }
    }

    public class S3Entity
    {
        public string? S3SchemaVersion { get; set; }

        public string? ConfigurationId { get; set; }

        public S3BucketEntity? Bucket { get; set; }

        [SuppressMessage("Naming", "CA1720:Identifier contains type name", Justification = "The package's member name and the event's JSON member.")]
        public S3ObjectEntity? Object { get; set; }
    }

    public class S3BucketEntity
    {
        public string? Name { get; set; }

        public UserIdentityEntity? OwnerIdentity { get; set; }

        public string? Arn { get; set; }
    }

    public class S3ObjectEntity
    {
        /// <summary>The key as S3 sends it: URL-encoded, with '+' for a space.</summary>
        public string? Key { get; set; }

        /// <summary>The object's size in bytes; 0 when the event carries none (deletions), as in the package.</summary>
        public long Size { get; set; }

        public string? ETag { get; set; }

        public string? VersionId { get; set; }

        public string? Sequencer { get; set; }
    }

    public class UserIdentityEntity
    {
        public string? PrincipalId { get; set; }
    }

    public class RequestParametersEntity
    {
        public string? SourceIPAddress { get; set; }
    }

    public class ResponseElementsEntity
    {
        [JsonPropertyName("x-amz-id-2")]
        public string? XAmzId2 { get; set; }

        [JsonPropertyName("x-amz-request-id")]
        public string? XAmzRequestId { get; set; }
    }
}
