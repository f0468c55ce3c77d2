using System.Globalization;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Signing;

namespace ImageLabelsLive.Aws.Tests.StandIns;

/// <summary>
/// Checks a received request's signature the way a service (or the local host) does: recompute it with the
/// SDK signer from the signed headers, the body and the X-Amz-Date the request carries, and compare.
/// </summary>
internal static class SignatureCheck
{
    public static void ShouldVerify(RecordedRequest request, AWSCredentials credentials)
    {
        var (_, signedHeaders, signature) = request.Authorization;
        var scope = request.Scope;
        var recompute = new AWSSigningRequest { HttpMethod = request.Method, RequestUri = request.Uri, Content = request.Body };
        foreach (var name in signedHeaders.Split(';'))
        {
            if (name is not ("host" or "x-amz-date" or "x-amz-security-token"))
            {
                recompute.Headers[name] = request.Header(name) ?? throw new InvalidOperationException($"Signed header {name} was not sent.");
            }
        }
        var result = AWSSigV4Signer.Sign(recompute, new AWSSigV4Parameters
        {
            Credentials = credentials,
            Region = RegionEndpoint.GetBySystemName(scope[1]),
            Service = scope[2],
            SignedAt = DateTime.ParseExact(request.Header("X-Amz-Date")!, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal),
        });
        result.Headers["Authorization"].ShouldEndWith("Signature=" + signature);
    }
}
