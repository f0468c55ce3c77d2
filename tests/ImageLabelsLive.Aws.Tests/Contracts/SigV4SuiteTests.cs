using Amazon;
using Amazon.Runtime.Signing;
using ImageLabelsLive.Aws.AwsProtocol;
using ImageLabelsLive.Aws.Tests.StandIns;
using ImageLabelsLive.Testing;

namespace ImageLabelsLive.Aws.Tests.Contracts;

/// <summary>
/// AWSSDK.Core's SigV4 signer, driven exactly as the stand-in clients drive it (an HttpRequestMessage through
/// <see cref="AwsRequestSigner"/>), against the AWS SigV4 test suite.
/// </summary>
public class SigV4SuiteTests
{
    /// <summary>The suite's cases whose request a client can put on the wire as written.</summary>
    /// <remarks>
    /// Left out: the *-unnormalized and relative-path cases (System.Uri removes dot segments before any signer
    /// sees the path; our clients never send them), get-utf8, get-space-* and get-vanilla-utf8-query (their
    /// request lines hold raw UTF-8 or spaces, which a wire URI escapes, and the suite then expects single
    /// encoding), get-slash(es)-normalized (double slashes: the SDK keeps them, as services other than S3 compare),
    /// get-vanilla-query-order-encoded (raw UTF-8 in the query), get-header-value-multiline (an obs-fold header
    /// HttpClient will not send) and post-sts-header-after (the token is added after signing, which the SDK never does).
    /// </remarks>
    private static readonly string[] WireCaseNames =
    [
        "get-header-key-duplicate",
        "get-header-value-order",
        "get-header-value-trim",
        "get-unreserved",
        "get-vanilla",
        "get-vanilla-empty-query-key",
        "get-vanilla-query",
        "get-vanilla-query-order-key-case",
        "get-vanilla-query-unreserved",
        "get-vanilla-with-session-token",
        "post-header-key-case",
        "post-header-key-sort",
        "post-header-value-case",
        "post-sts-header-before",
        "post-vanilla",
        "post-vanilla-empty-query-value",
        "post-vanilla-query",
        "post-x-www-form-urlencoded",
        "post-x-www-form-urlencoded-parameters",
    ];

    public static TheoryData<string> WireCases() => [.. WireCaseNames];

    /// <summary>Cases whose expected header signature already covers x-amz-content-sha256, as the SDK signs it.</summary>
    public static TheoryData<string> SignedBodyCases() => ["post-x-www-form-urlencoded", "post-x-www-form-urlencoded-parameters"];

    /// <summary>Presigned-query cases: every wire case without a body (the SDK presigns only body-less requests).</summary>
    public static TheoryData<string> PresignCases()
    {
        var cases = new TheoryData<string>();
        foreach (var name in WireCaseNames.Where(name => !name.StartsWith("post-x-www-form-urlencoded", StringComparison.Ordinal)))
        {
            cases.Add(name);
        }
        return cases;
    }

    [SharedTheory]
    [MemberData(nameof(SignedBodyCases))]
    public async Task SignAsync_SuiteCaseSigningItsBody_ReproducesHeaderSignature(string name)
    {
        var vector = SigV4Vector.Load(name);

        var authorization = await SignLikeClientsAsync(vector);

        authorization.ShouldBe(ExpectedAuthorization(vector, vector.Read("header-signature.txt")));
        vector.Read("header-signed-request.txt").ShouldContain("Authorization:" + authorization);
    }

    [SharedTheory]
    [MemberData(nameof(WireCases))]
    public void SignCanonicalRequest_SuiteCanonicalRequest_ReproducesSuiteSignature(string name)
    {
        // Proves the test oracle below against the suite itself before it is trusted.
        var vector = SigV4Vector.Load(name);

        vector.SignCanonicalRequest(vector.Read("header-canonical-request.txt")).ShouldBe(vector.Read("header-signature.txt"));
        vector.SignCanonicalRequest(vector.Read("query-canonical-request.txt")).ShouldBe(vector.Read("query-signature.txt"));
    }

    [SharedTheory]
    [MemberData(nameof(WireCases))]
    public async Task SignAsync_SuiteCase_SignsSuiteCanonicalRequestPlusContentHash(string name)
    {
        var vector = SigV4Vector.Load(name);

        var authorization = await SignLikeClientsAsync(vector);

        authorization.ShouldBe(ExpectedAuthorization(vector, vector.SignCanonicalRequest(vector.CanonicalRequestWithContentHash())));
    }

    [SharedTheory]
    [MemberData(nameof(PresignCases))]
    public void Presign_SuiteCase_ReproducesQuerySignature(string name)
    {
        var vector = SigV4Vector.Load(name);
        var (request, _) = vector.ToHttpRequest();
        using (request)
        {
            var presigned = AWSSigV4Signer.Presign(
                AwsRequestSigner.ToSigningRequest(request, payloadHash: null),
                new AWSSigV4Parameters { Credentials = vector.Credentials, Region = RegionEndpoint.GetBySystemName(vector.Region), Service = vector.Service, SignedAt = vector.Timestamp.UtcDateTime },
                vector.ExpiresIn);

            var query = QueryOf(presigned.Uri);
            query["X-Amz-Signature"].ShouldBe(vector.Read("query-signature.txt"));
            query["X-Amz-Expires"].ShouldBe("3600");
            query["X-Amz-Credential"].ShouldBe($"{vector.AccessKey}/20150830/{vector.Region}/{vector.Service}/aws4_request");
        }
    }

    private static async Task<string> SignLikeClientsAsync(SigV4Vector vector)
    {
        var (request, body) = vector.ToHttpRequest();
        using (request)
        {
            var signer = new AwsRequestSigner(new AwsCredentialSource(vector.Credentials), vector.Region, vector.Service, new FakeTimeProvider(vector.Timestamp));
            await signer.SignAsync(request, body, CancellationToken.None);
            request.Headers.GetValues("X-Amz-Date").Single().ShouldBe("20150830T123600Z");
            return request.Headers.GetValues("Authorization").Single();
        }
    }

    private static string ExpectedAuthorization(SigV4Vector vector, string signature)
    {
        var canonical = vector.Read("header-canonical-request.txt").Split('\n');
        var signedHeaders = canonical[Array.IndexOf(canonical, "", 3) + 1].Split(';').Append("x-amz-content-sha256").Distinct().Order(StringComparer.Ordinal);
        return $"AWS4-HMAC-SHA256 Credential={vector.AccessKey}/20150830/{vector.Region}/{vector.Service}/aws4_request, SignedHeaders={string.Join(';', signedHeaders)}, Signature={signature}";
    }

    private static Dictionary<string, string> QueryOf(Uri uri) =>
        uri.Query.TrimStart('?').Split('&').Select(pair => pair.Split('=', 2)).ToDictionary(pair => pair[0], pair => Uri.UnescapeDataString(pair[1]), StringComparer.Ordinal);
}
