using System.Globalization;
using System.Text.Json;
using ImageLabelsLive.LocalAws.Signing;

namespace ImageLabelsLive.LocalAws.Tests.Signing;

/// <summary>The verifier against AWS's own SigV4 test suite and S3's documented vectors, from ../shared/contracts/sigv4.</summary>
public sealed class SigV4TestSuiteTests
{
    [SharedTheory]
    [InlineData("get-vanilla")]
    [InlineData("get-vanilla-query-order-key-case")]
    [InlineData("get-vanilla-query-order-encoded")]
    [InlineData("get-vanilla-empty-query-key")]
    [InlineData("get-vanilla-utf8-query")]
    [InlineData("get-vanilla-query-unreserved")]
    [InlineData("get-vanilla-with-session-token")]
    [InlineData("get-unreserved")]
    [InlineData("get-utf8")]
    [InlineData("get-space-normalized")]
    [InlineData("get-space-unnormalized")]
    [InlineData("get-slashes-normalized")]
    [InlineData("get-slashes-unnormalized")]
    [InlineData("get-relative-relative-normalized")]
    [InlineData("get-relative-relative-unnormalized")]
    [InlineData("get-slash-pointless-dot-normalized")]
    [InlineData("get-header-key-duplicate")]
    [InlineData("get-header-value-multiline")]
    [InlineData("get-header-value-order")]
    [InlineData("get-header-value-trim")]
    [InlineData("post-header-key-case")]
    [InlineData("post-header-key-sort")]
    [InlineData("post-header-value-case")]
    [InlineData("post-sts-header-before")]
    [InlineData("post-vanilla")]
    [InlineData("post-vanilla-empty-query-value")]
    [InlineData("post-vanilla-query")]
    [InlineData("post-x-www-form-urlencoded")]
    [InlineData("post-x-www-form-urlencoded-parameters")]
    // Left out: post-sts-header-after, which adds the session token after signing (omit_session_token), a client
    // option only AWS IoT accepts.
    public void Verify_AwsTestSuiteSignedRequests_ValidWithTheSuitesCanonicalRequest(string name)
    {
        var directory = SharedData.PathOf("contracts", "sigv4", "aws-c-auth-v4", name);
        var context = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, "context.json"))).RootElement;
        var credentials = context.GetProperty("credentials");
        var key = new SigV4KeyPair(credentials.GetProperty("access_key_id").GetString()!, credentials.GetProperty("secret_access_key").GetString()!);
        var now = DateTimeOffset.Parse(context.GetProperty("timestamp").GetString()!, CultureInfo.InvariantCulture);
        var canonicalization = context.GetProperty("normalize").GetBoolean() ? SigV4PathCanonicalization.Normalized : SigV4PathCanonicalization.Unnormalized;
        var verifier = new SigV4Verifier(key, new FakeTimeProvider(now), TimeSpan.FromMinutes(15));

        foreach (var form in new[] { "header", "query" })
        {
            var (request, body) = SignedRequestFile.Parse(File.ReadAllText(Path.Combine(directory, form + "-signed-request.txt")));
            var authorization = SigV4Authorization.Parse(request).Authorization.ShouldNotBeNull();
            authorization.Location.ShouldBe(form == "header" ? SigV4SignatureLocation.Header : SigV4SignatureLocation.Query);

            var verification = verifier.Verify(request, authorization, SignedRequestFile.PayloadHash(request, body), canonicalization);

            verification.CanonicalRequest.ShouldBe(File.ReadAllText(Path.Combine(directory, form + "-canonical-request.txt")), $"{name} ({form})");
            verification.Outcome.ShouldBe(SigV4Outcome.Valid, $"{name} ({form})");
        }
    }

    [SharedFact]
    public void Verify_SuiteRequestWithOneSignatureDigitChanged_SignatureDoesNotMatch()
    {
        var directory = SharedData.PathOf("contracts", "sigv4", "aws-c-auth-v4", "post-x-www-form-urlencoded");
        var text = File.ReadAllText(Path.Combine(directory, "header-signed-request.txt"));
        var signature = File.ReadAllText(Path.Combine(directory, "header-signature.txt")).Trim();
        var tampered = text.Replace(signature, (signature[0] == '0' ? "1" : "0") + signature[1..], StringComparison.Ordinal);
        var (request, body) = SignedRequestFile.Parse(tampered);
        var verifier = new SigV4Verifier(new SigV4KeyPair("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"),
            new FakeTimeProvider(new DateTimeOffset(2015, 8, 30, 12, 36, 0, TimeSpan.Zero)), TimeSpan.FromMinutes(15));

        var verification = verifier.Verify(request, SigV4Authorization.Parse(request).Authorization!, SignedRequestFile.PayloadHash(request, body), SigV4PathCanonicalization.Normalized);

        verification.Outcome.ShouldBe(SigV4Outcome.SignatureDoesNotMatch);
        verification.StringToSign.ShouldBe(File.ReadAllText(Path.Combine(directory, "header-string-to-sign.txt")));
    }

    [SharedFact]
    public void Verify_S3DocumentedAndBotocoreVectors_AllValidWithTheirCanonicalRequests()
    {
        var document = JsonDocument.Parse(File.ReadAllText(SharedData.PathOf("contracts", "sigv4", "s3-vectors.json"))).RootElement;
        var cases = document.GetProperty("cases").EnumerateArray().ToList();
        cases.Count.ShouldBeGreaterThan(5);
        foreach (var vector in cases)
        {
            var name = vector.GetProperty("name").GetString()!;
            var credentials = document.GetProperty(name.StartsWith("doc-", StringComparison.Ordinal) ? "credentials_doc" : "credentials_extra");
            var key = new SigV4KeyPair(credentials.GetProperty("access_key_id").GetString()!, credentials.GetProperty("secret_access_key").GetString()!);
            var url = new Uri(vector.GetProperty("url").GetString()!);
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["Host"] = url.Authority };
            foreach (var source in new[] { "request_headers", "signed_headers_out" })
            {
                if (vector.TryGetProperty(source, out var set))
                {
                    foreach (var header in set.EnumerateObject())
                    {
                        headers[header.Name] = header.Value.GetString()!;
                    }
                }
            }
            if (vector.TryGetProperty("authorization", out var authorizationHeader))
            {
                headers["Authorization"] = authorizationHeader.GetString()!;
            }
            var rawTarget = vector.GetProperty("url").GetString()![(url.Scheme.Length + 3 + url.Authority.Length)..];
            var query = rawTarget.IndexOf('?', StringComparison.Ordinal);
            var request = new SigV4Request(vector.GetProperty("method").GetString()!,
                query < 0 ? rawTarget : rawTarget[..query], query < 0 ? string.Empty : rawTarget[(query + 1)..], headers);
            var authorization = SigV4Authorization.Parse(request).Authorization.ShouldNotBeNull(name);
            var verifier = new SigV4Verifier(key, new FakeTimeProvider(authorization.SignedAt), TimeSpan.FromMinutes(15));
            var payloadHash = request.Header("x-amz-content-sha256") ?? SigV4CanonicalRequest.UnsignedPayload;

            var verification = verifier.Verify(request, authorization, payloadHash, SigV4PathCanonicalization.S3);

            verification.CanonicalRequest.ShouldBe(vector.GetProperty("canonical_request").GetString(), name);
            verification.StringToSign.ShouldBe(vector.GetProperty("string_to_sign").GetString(), name);
            verification.Outcome.ShouldBe(SigV4Outcome.Valid, name);
        }
    }
}
