using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Amazon.Runtime.Internal.Auth;
using Amazon.Util;

namespace ImageLabelsLive.LocalAws.Signing;

/// <summary>
/// The signature chain of an aws-chunked body (x-amz-content-sha256: STREAMING-AWS4-HMAC-SHA256-PAYLOAD[-TRAILER]):
/// each chunk's signature covers its data and the previous signature, starting from the request's own signature.
/// The HMACs are AWSSDK.Core's (<see cref="AWS4Signer.ComposeSigningKey"/>, <see cref="AWS4Signer.SignBlob(byte[], string)"/>).
/// </summary>
public sealed class SigV4ChunkSignatureChain
{
    private static readonly string EmptyHash = AWSSDKUtils.ToHex(AWS4Signer.ComputeHash(string.Empty), true);

    private readonly byte[] signingKey;
    private readonly string timestamp;
    private readonly string scope;
    private string previousSignature;

    /// <param name="keyPair">The key the request was verified with.</param>
    /// <param name="authorization">The request's verified (seed) signature.</param>
    public SigV4ChunkSignatureChain(SigV4KeyPair keyPair, SigV4Authorization authorization)
    {
        ArgumentNullException.ThrowIfNull(keyPair);
        ArgumentNullException.ThrowIfNull(authorization);
        signingKey = AWS4Signer.ComposeSigningKey(keyPair.SecretAccessKey, authorization.Region, authorization.ScopeDate, authorization.Service);
        timestamp = authorization.SignedAt.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        scope = authorization.Scope;
        previousSignature = authorization.Signature.ToLowerInvariant();
    }

    /// <summary>Checks the next chunk's signature against the SHA-256 of its data and advances the chain.</summary>
    public bool VerifyChunk(byte[] chunkDataSha256, string providedSignature)
    {
        ArgumentNullException.ThrowIfNull(chunkDataSha256);
        var stringToSign = $"AWS4-HMAC-SHA256-PAYLOAD\n{timestamp}\n{scope}\n{previousSignature}\n{EmptyHash}\n{AWSSDKUtils.ToHex(chunkDataSha256, true)}";
        return Advance(stringToSign, providedSignature);
    }

    /// <summary>Checks the trailer's signature, which covers the trailing headers as "name:value\n" lines.</summary>
    public bool VerifyTrailer(string canonicalTrailerHeaders, string providedSignature)
    {
        ArgumentNullException.ThrowIfNull(canonicalTrailerHeaders);
        var stringToSign = $"AWS4-HMAC-SHA256-TRAILER\n{timestamp}\n{scope}\n{previousSignature}\n{AWSSDKUtils.ToHex(AWS4Signer.ComputeHash(canonicalTrailerHeaders), true)}";
        return Advance(stringToSign, providedSignature);
    }

    private bool Advance(string stringToSign, string providedSignature)
    {
        ArgumentNullException.ThrowIfNull(providedSignature);
        var expected = AWSSDKUtils.ToHex(AWS4Signer.SignBlob(signingKey, stringToSign), true);
        var provided = providedSignature.Trim().ToLowerInvariant();
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(provided)))
        {
            return false;
        }
        previousSignature = expected;
        return true;
    }
}
