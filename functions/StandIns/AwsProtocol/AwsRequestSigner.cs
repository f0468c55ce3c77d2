using System.Security.Cryptography;
using Amazon;
using Amazon.Runtime.Signing;

namespace ImageLabelsLive.Aws.AwsProtocol;

/// <summary>
/// Signs outgoing requests with AWSSDK.Core's SigV4 signer (<see cref="AWSSigV4Signer"/>); no signing code of
/// our own. Every header already on the message is signed, plus the body's SHA-256, which is hashed here from
/// the bytes in hand so the signer never buffers or re-reads the body.
/// </summary>
internal sealed class AwsRequestSigner(AwsCredentialSource credentials, string region, string service, TimeProvider? clock = null)
{
    private const string ContentSha256Header = "x-amz-content-sha256";

    private readonly RegionEndpoint regionEndpoint = RegionEndpoint.GetBySystemName(region);

    public async ValueTask SignAsync(HttpRequestMessage request, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var signingRequest = ToSigningRequest(request, PayloadHash(body.Span));
        var parameters = new AWSSigV4Parameters
        {
            Credentials = await credentials.GetAsync(cancellationToken).ConfigureAwait(false),
            Region = regionEndpoint,
            Service = service,
            // Null lets the SDK use its clock-skew-corrected now; a clock is given only to reproduce test vectors.
            SignedAt = clock?.GetUtcNow().UtcDateTime,
        };
        var result = await AWSSigV4Signer.SignAsync(signingRequest, parameters, cancellationToken).ConfigureAwait(false);
        foreach (var (name, value) in result.Headers)
        {
            request.Headers.Remove(name);
            request.Headers.TryAddWithoutValidation(name, value);
        }
    }

    /// <summary>
    /// Describes the message to the SDK signer: method, URI and every request and content header, a repeated
    /// header as one comma-joined value (SigV4's canonical form). <paramref name="payloadHash"/> is signed as
    /// x-amz-content-sha256 when given.
    /// </summary>
    internal static AWSSigningRequest ToSigningRequest(HttpRequestMessage request, string? payloadHash)
    {
        var signingRequest = new AWSSigningRequest { HttpMethod = request.Method, RequestUri = request.RequestUri };
        foreach (var header in request.Headers)
        {
            signingRequest.Headers[header.Key] = string.Join(',', header.Value);
        }
        if (request.Content is not null)
        {
            foreach (var header in request.Content.Headers)
            {
                signingRequest.Headers[header.Key] = string.Join(',', header.Value);
            }
        }
        if (payloadHash is not null)
        {
            signingRequest.Headers[ContentSha256Header] = payloadHash;
        }
        return signingRequest;
    }

    internal static string PayloadHash(ReadOnlySpan<byte> body)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(body, hash);
        return Convert.ToHexStringLower(hash);
    }
}
