using System.Globalization;
using ImageLabelsLive.LocalAws.Signing;
using Microsoft.AspNetCore.Http;

namespace ImageLabelsLive.LocalAws.S3;

/// <summary>
/// Who is calling. A request signed with the local key must verify; one signed with another key is taken on trust
/// (as LocalStack does), except a presigned PUT, which is how browser bytes enter a bucket and so must always verify.
/// </summary>
internal sealed class S3CallerAuthentication(SigV4Verifier verifier, TimeProvider time)
{
    public S3Caller Authenticate(SigV4Request wire)
    {
        var parsed = SigV4Authorization.Parse(wire);
        if (parsed.Error is not null)
        {
            throw new S3ErrorException(S3Error.MalformedAuthorization(parsed.ErrorLocation!.Value, parsed.Error));
        }
        if (parsed.Authorization is not { } authorization)
        {
            return new S3Caller(null, Verified: false);
        }
        var isPut = HttpMethods.IsPut(wire.Method);
        var payloadHash = authorization.Location == SigV4SignatureLocation.Query
            ? wire.Query("X-Amz-Content-Sha256") ?? SigV4CanonicalRequest.UnsignedPayload
            : wire.Header("x-amz-content-sha256")
              ?? throw new S3ErrorException(S3Error.InvalidRequest("Missing required header for this request: x-amz-content-sha256"));
        if (!verifier.IsLocalKey(authorization))
        {
            if (isPut && authorization.Location == SigV4SignatureLocation.Query)
            {
                throw new S3ErrorException(S3Error.InvalidAccessKeyId(authorization.AccessKeyId));
            }
            return new S3Caller(authorization, Verified: false);
        }
        var verification = verifier.Verify(wire, authorization, payloadHash, SigV4PathCanonicalization.S3);
        switch (verification.Outcome)
        {
            case SigV4Outcome.Valid:
                break;
            case SigV4Outcome.Expired:
                throw new S3ErrorException(S3Error.AccessDenied("Request has expired",
                [
                    new("X-Amz-Expires", ((long)authorization.Expires!.Value.TotalSeconds).ToString(CultureInfo.InvariantCulture)),
                    new("Expires", (authorization.SignedAt + authorization.Expires.Value).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)),
                    new("ServerTime", time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)),
                ]));
            case SigV4Outcome.NotYetValid:
                throw new S3ErrorException(S3Error.AccessDenied("Request is not valid yet"));
            case SigV4Outcome.RequestTimeTooSkewed:
                throw new S3ErrorException(S3Error.RequestTimeTooSkewed(authorization.SignedAt, time.GetUtcNow()));
            default:
                throw new S3ErrorException(S3Error.SignatureDoesNotMatch(authorization, verification));
        }
        // S3 requires every x-amz-* header to be signed, so none can be added to a signed request.
        var unsigned = wire.HeaderNames
            .Where(name => name.StartsWith("x-amz-", StringComparison.OrdinalIgnoreCase))
            .Where(name => !authorization.SignedHeaders.Contains(name.ToLowerInvariant()))
            .ToList();
        if (unsigned.Count > 0)
        {
            throw new S3ErrorException(S3Error.AccessDenied("There were headers present in the request which were not signed",
                [new("HeadersNotSigned", string.Join(", ", unsigned.Select(n => n.ToLowerInvariant())))]));
        }
        return new S3Caller(authorization, Verified: true);
    }
}
