using System.Security.Cryptography;
using System.Text;
using Amazon.Runtime.Internal.Auth;
using Amazon.Util;

namespace ImageLabelsLive.LocalAws.Signing;

/// <summary>What checking a signature found.</summary>
public enum SigV4Outcome
{
    Valid,

    /// <summary>Signed with another access key: this verifier cannot judge it.</summary>
    UnknownAccessKey,
    SignatureDoesNotMatch,

    /// <summary>A presigned URL past X-Amz-Date + X-Amz-Expires.</summary>
    Expired,

    /// <summary>A presigned URL dated further in the future than the allowed clock skew.</summary>
    NotYetValid,

    /// <summary>A header signature dated further from now than the allowed clock skew.</summary>
    RequestTimeTooSkewed,
}

/// <summary>The verdict on one request, with what was computed so an error response can show it, as AWS's do.</summary>
public sealed record SigV4Verification(SigV4Outcome Outcome, string Message, string? CanonicalRequest = null, string? StringToSign = null)
{
    public bool IsValid => Outcome == SigV4Outcome.Valid;
}

/// <summary>
/// Verifies SigV4 signatures (Authorization header or presigned query) made with one key pair. The canonical request is
/// rebuilt from the wire (<see cref="SigV4CanonicalRequest"/>); the signing itself is AWSSDK.Core's
/// (<see cref="AWS4Signer.ComputeSignature(string, string, string, DateTime, string, string, string)"/>).
/// </summary>
public sealed class SigV4Verifier
{
    private readonly SigV4KeyPair keyPair;
    private readonly TimeProvider time;

    public SigV4Verifier(SigV4KeyPair keyPair, TimeProvider time, TimeSpan allowedClockSkew)
    {
        ArgumentNullException.ThrowIfNull(keyPair);
        ArgumentNullException.ThrowIfNull(time);
        this.keyPair = keyPair;
        this.time = time;
        AllowedClockSkew = allowedClockSkew;
    }

    public TimeSpan AllowedClockSkew { get; }

    public SigV4KeyPair KeyPair => keyPair;

    /// <summary>True when the request claims this verifier's access key, so its signature must hold.</summary>
    public bool IsLocalKey(SigV4Authorization authorization)
    {
        ArgumentNullException.ThrowIfNull(authorization);
        return string.Equals(authorization.AccessKeyId, keyPair.AccessKeyId, StringComparison.Ordinal);
    }

    /// <param name="request">The request as received.</param>
    /// <param name="authorization">What it claims (<see cref="SigV4Authorization.Parse"/>).</param>
    /// <param name="payloadHash">The payload hash the client signed: its x-amz-content-sha256, UNSIGNED-PAYLOAD, or the body's hex SHA-256.</param>
    /// <param name="pathCanonicalization">The service's path rule (S3 differs from every other service).</param>
    public SigV4Verification Verify(SigV4Request request, SigV4Authorization authorization, string payloadHash, SigV4PathCanonicalization pathCanonicalization)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(authorization);
        ArgumentNullException.ThrowIfNull(payloadHash);
        if (!IsLocalKey(authorization))
        {
            return new(SigV4Outcome.UnknownAccessKey, "The AWS Access Key Id you provided does not exist in our records.");
        }
        var now = time.GetUtcNow();
        if (authorization.Location == SigV4SignatureLocation.Query && authorization.Expires is { } expires)
        {
            if (now > authorization.SignedAt + expires)
            {
                return new(SigV4Outcome.Expired, "Request has expired");
            }
            if (authorization.SignedAt > now + AllowedClockSkew)
            {
                return new(SigV4Outcome.NotYetValid, "Request is not valid yet");
            }
        }
        else if ((now - authorization.SignedAt).Duration() > AllowedClockSkew)
        {
            return new(SigV4Outcome.RequestTimeTooSkewed, "The difference between the request time and the current time is too large.");
        }

        var canonicalRequest = SigV4CanonicalRequest.Build(request, authorization, payloadHash, pathCanonicalization);
        var expected = AWS4Signer.ComputeSignature(
            keyPair.AccessKeyId,
            keyPair.SecretAccessKey,
            authorization.Region,
            authorization.SignedAt.UtcDateTime,
            authorization.Service,
            authorization.SignedHeadersText,
            canonicalRequest).Signature;
        // The scope the client signed must be the one its timestamp implies; ComputeSignature derives it from the timestamp.
        var scopeMatches = string.Equals(authorization.ScopeDate, authorization.SignedAt.UtcDateTime.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        if (scopeMatches && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(authorization.Signature.ToLowerInvariant())))
        {
            return new(SigV4Outcome.Valid, "The signature is valid.", canonicalRequest, StringToSign(authorization, canonicalRequest));
        }
        return new(
            SigV4Outcome.SignatureDoesNotMatch,
            "The request signature we calculated does not match the signature you provided. Check your key and signing method.",
            canonicalRequest,
            StringToSign(authorization, canonicalRequest));
    }

    /// <summary>Shown in error responses, as AWS shows it, so a client author can compare with their own.</summary>
    private static string StringToSign(SigV4Authorization authorization, string canonicalRequest) =>
        $"{SigV4Authorization.Algorithm}\n{authorization.SignedAt.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture)}\n{authorization.Scope}\n{AWSSDKUtils.ToHex(AWS4Signer.ComputeHash(canonicalRequest), true)}";
}
