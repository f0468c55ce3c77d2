using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;

namespace Amazon.Lambda.S3Events;

/// <summary>An S3 event notification as Amazon.Lambda.S3Events 3.x defines it.</summary>
public class S3Event
{
    [JsonPropertyName("Records")]
    public List<S3EventNotificationRecord>? Records { get; set; }

    public class S3EventNotificationRecord
    {
        [JsonPropertyName("eventVersion")]
        public string? EventVersion { get; set; }

        [JsonPropertyName("eventSource")]
        public string? EventSource { get; set; }

        [JsonPropertyName("awsRegion")]
        public string? AwsRegion { get; set; }

        [JsonPropertyName("eventTime")]
        public DateTime EventTime { get; set; }

        /// <summary>For example "ObjectCreated:Put".</summary>
        [JsonPropertyName("eventName")]
        public string? EventName { get; set; }

        [JsonPropertyName("userIdentity")]
        public UserIdentityEntity? UserIdentity { get; set; }

        [JsonPropertyName("requestParameters")]
        public RequestParametersEntity? RequestParameters { get; set; }

        [JsonPropertyName("responseElements")]
        public ResponseElementsEntity? ResponseElements { get; set; }

        [JsonPropertyName("s3")]
        public S3Entity? S3 { get; set; }
    }

    public class S3Entity
    {
        [JsonPropertyName("s3SchemaVersion")]
        public string? S3SchemaVersion { get; set; }

        [JsonPropertyName("configurationId")]
        public string? ConfigurationId { get; set; }

        [JsonPropertyName("bucket")]
        public S3BucketEntity? Bucket { get; set; }

        [JsonPropertyName("object")]
        [SuppressMessage("Naming", "CA1720:Identifier contains type name", Justification = "The package's member name and the event's JSON member.")]
        public S3ObjectEntity? Object { get; set; }
    }

    public class S3BucketEntity
    {
        [JsonPropertyName("name")]
        public string? Name { get; set; }

        [JsonPropertyName("ownerIdentity")]
        public UserIdentityEntity? OwnerIdentity { get; set; }

        [JsonPropertyName("arn")]
        public string? Arn { get; set; }
    }

    public class S3ObjectEntity
    {
        /// <summary>The key as S3 sends it: URL-encoded, with '+' for a space.</summary>
        [JsonPropertyName("key")]
        public string? Key { get; set; }

        /// <summary>Absent for deletions.</summary>
        [JsonPropertyName("size")]
        public long? Size { get; set; }

        [JsonPropertyName("eTag")]
        public string? ETag { get; set; }

        [JsonPropertyName("versionId")]
        public string? VersionId { get; set; }

        [JsonPropertyName("sequencer")]
        public string? Sequencer { get; set; }
    }

    public class UserIdentityEntity
    {
        [JsonPropertyName("principalId")]
        public string? PrincipalId { get; set; }
    }

    public class RequestParametersEntity
    {
        [JsonPropertyName("sourceIPAddress")]
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
