using Amazon;
using Amazon.Runtime;

namespace ImageLabelsLive.Aws.AwsProtocol;

/// <summary>How an AWS service answers errors on the wire.</summary>
internal enum AwsErrorProtocol
{
    /// <summary>JSON 1.0/1.1 (Rekognition): "__type" in the body or x-amzn-ErrorType.</summary>
    Json,

    /// <summary>REST-JSON (API Gateway management): x-amzn-ErrorType, else only the HTTP status.</summary>
    RestJson,

    /// <summary>Query (SNS): an XML ErrorResponse with Error/Type, Code, Message.</summary>
    Query,
}

/// <summary>What a stand-in client tells the shared transport about its service (values from the service's model).</summary>
/// <param name="ServiceId">The model's serviceId; names the AWS_ENDPOINT_URL_&lt;SERVICE&gt; variable.</param>
/// <param name="EndpointPrefix">The first label of the public regional host name.</param>
/// <param name="SigningName">The SigV4 service name in the credential scope.</param>
/// <param name="ErrorProtocol">How errors are read.</param>
/// <param name="CreateException">Turns a read error into the service's typed exception.</param>
internal sealed record AwsServiceDescription(
    string ServiceId,
    string EndpointPrefix,
    string SigningName,
    AwsErrorProtocol ErrorProtocol,
    Func<AwsError, AmazonServiceException> CreateException);

/// <summary>The client configuration the transport honours, copied from a service's config object.</summary>
/// <param name="ProbeRegion">Whether an unset region falls back to AWS_REGION (false once ServiceURL was assigned).</param>
/// <param name="MaxErrorRetry">Retries after a retryable failure.</param>
internal sealed record AwsClientSettings(
    RegionEndpoint? RegionEndpoint,
    string? ServiceUrl,
    string? AuthenticationRegion,
    TimeSpan? Timeout,
    int? MaxConnectionsPerServer,
    bool ProbeRegion = true,
    int MaxErrorRetry = 0);

/// <summary>Seams for tests: an in-process handler, a fixed signing clock, a private environment.</summary>
internal sealed record AwsTransportOverrides(
    HttpMessageHandler? Handler = null,
    TimeProvider? SigningClock = null,
    Func<string, string?>? Environment = null);

/// <summary>An error as the service answered it, before it becomes a typed exception.</summary>
internal sealed record AwsError(System.Net.HttpStatusCode StatusCode, string? Code, string Message, string? RequestId, ErrorType Type);
