using System.Globalization;
using ImageLabelsLive.LocalAws.AwsProtocols;
using ImageLabelsLive.LocalAws.Signing;
using Microsoft.AspNetCore.Http;

namespace ImageLabelsLive.LocalAws.S3;

/// <summary>S3's errors: status, code, message, and the extra elements S3 adds for that code (written by <see cref="S3ErrorXml"/>).</summary>
internal static class S3Error
{
    public static AwsProtocolError NoSuchKey(string key) =>
        new(StatusCodes.Status404NotFound, "NoSuchKey", "The specified key does not exist.", [new("Key", key)]);

    public static AwsProtocolError NoSuchBucket(string bucket) =>
        new(StatusCodes.Status404NotFound, "NoSuchBucket", "The specified bucket does not exist", [new("BucketName", bucket)]);

    public static AwsProtocolError AccessDenied(string message, IReadOnlyList<KeyValuePair<string, string>>? details = null) =>
        new(StatusCodes.Status403Forbidden, "AccessDenied", message, details);

    public static AwsProtocolError InvalidAccessKeyId(string accessKeyId) =>
        new(StatusCodes.Status403Forbidden, "InvalidAccessKeyId", "The AWS Access Key Id you provided does not exist in our records.",
            [new("AWSAccessKeyId", accessKeyId)]);

    public static AwsProtocolError SignatureDoesNotMatch(SigV4Authorization authorization, SigV4Verification verification) =>
        new(StatusCodes.Status403Forbidden, "SignatureDoesNotMatch", verification.Message,
        [
            new("AWSAccessKeyId", authorization.AccessKeyId),
            new("StringToSign", verification.StringToSign ?? string.Empty),
            new("SignatureProvided", authorization.Signature),
            new("CanonicalRequest", verification.CanonicalRequest ?? string.Empty),
        ]);

    public static AwsProtocolError ChunkSignatureDoesNotMatch() =>
        new(StatusCodes.Status403Forbidden, "SignatureDoesNotMatch",
            "The request signature we calculated does not match the signature you provided. Check your key and signing method.",
            [new("Detail", "A chunk signature of the aws-chunked body is wrong.")]);

    public static AwsProtocolError RequestTimeTooSkewed(DateTimeOffset requestTime, DateTimeOffset serverTime) =>
        new(StatusCodes.Status403Forbidden, "RequestTimeTooSkewed", "The difference between the request time and the current time is too large.",
        [
            new("RequestTime", requestTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture)),
            new("ServerTime", serverTime.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)),
            new("MaxAllowedSkewMilliseconds", "900000"),
        ]);

    public static AwsProtocolError MalformedAuthorization(SigV4SignatureLocation location, string message) => location == SigV4SignatureLocation.Query
        ? new(StatusCodes.Status400BadRequest, "AuthorizationQueryParametersError", message)
        : new(StatusCodes.Status400BadRequest, "AuthorizationHeaderMalformed", message);

    public static AwsProtocolError InvalidRange(string range, long size) =>
        new(StatusCodes.Status416RangeNotSatisfiable, "InvalidRange", "The requested range is not satisfiable",
            [new("RangeRequested", range), new("ActualObjectSize", size.ToString(CultureInfo.InvariantCulture))]);

    public static AwsProtocolError EntityTooLarge(long proposedSize, long maxSize) =>
        new(StatusCodes.Status413PayloadTooLarge, "EntityTooLarge", "Your proposed upload exceeds the maximum allowed size",
            [new("ProposedSize", proposedSize.ToString(CultureInfo.InvariantCulture)), new("MaxSizeAllowed", maxSize.ToString(CultureInfo.InvariantCulture))]);

    public static AwsProtocolError MissingContentLength() =>
        new(StatusCodes.Status411LengthRequired, "MissingContentLength", "You must provide the Content-Length HTTP header.");

    public static AwsProtocolError IncompleteBody(string message) =>
        new(StatusCodes.Status400BadRequest, "IncompleteBody", message);

    public static AwsProtocolError BadDigest() =>
        new(StatusCodes.Status400BadRequest, "BadDigest", "The Content-MD5 you specified did not match what we received.");

    public static AwsProtocolError InvalidDigest() =>
        new(StatusCodes.Status400BadRequest, "InvalidDigest", "The Content-MD5 you specified was invalid.");

    /// <summary>S3's answer when the bytes differ from x-amz-checksum-sha256.</summary>
    public static AwsProtocolError ChecksumSha256Mismatch() =>
        new(StatusCodes.Status400BadRequest, "BadDigest", "The SHA256 you specified did not match the calculated checksum.");

    public static AwsProtocolError ContentSha256Mismatch(string provided, string computed) =>
        new(StatusCodes.Status400BadRequest, "XAmzContentSHA256Mismatch", "The provided 'x-amz-content-sha256' header does not match what was computed.",
            [new("ClientComputedContentSHA256", provided), new("S3ComputedContentSHA256", computed)]);

    public static AwsProtocolError InvalidRequest(string message) =>
        new(StatusCodes.Status400BadRequest, "InvalidRequest", message);

    public static AwsProtocolError InvalidArgument(string message) =>
        new(StatusCodes.Status400BadRequest, "InvalidArgument", message);

    public static AwsProtocolError KeyTooLong() =>
        new(StatusCodes.Status400BadRequest, "KeyTooLongError", "Your key is too long");

    public static AwsProtocolError NotImplemented(string what) =>
        new(StatusCodes.Status501NotImplemented, "NotImplemented", $"A header or query you provided implies functionality that is not implemented: {what}.");

    public static AwsProtocolError MethodNotAllowed(string method, string resourceType) =>
        new(StatusCodes.Status405MethodNotAllowed, "MethodNotAllowed", "The specified method is not allowed against this resource.",
            [new("Method", method), new("ResourceType", resourceType)]);

    public static AwsProtocolError CorsNotAllowed() =>
        new(StatusCodes.Status403Forbidden, "AccessForbidden", "CORSResponse: This CORS request is not allowed.");

    public static AwsProtocolError MissingOrigin() =>
        new(StatusCodes.Status400BadRequest, "BadRequest", "Insufficient information. Origin request header needed.");
}
