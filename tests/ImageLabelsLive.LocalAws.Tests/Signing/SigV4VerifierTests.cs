using System.Text;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Signing;
using Amazon.S3;
using Amazon.S3.Model;
using ImageLabelsLive.LocalAws.Signing;

namespace ImageLabelsLive.LocalAws.Tests.Signing;

/// <summary>The verifier against signatures made here by AWSSDK's own signers; needs no shared files.</summary>
public sealed class SigV4VerifierTests
{
    private static readonly SigV4KeyPair Local = new("AKIALOCALTEST0001", "local/secret+key=0123456789abcdefghij");
    private static readonly DateTimeOffset Now = new(2026, 3, 14, 15, 9, 26, TimeSpan.Zero);

    [Fact]
    public void Verify_HeaderSignedByAwsSdkSigner_Valid()
    {
        var (request, payloadHash) = SignedForm(Local, "Action=Publish&Message=hello%20world");

        var verification = Verifier().Verify(request, Parse(request), payloadHash, SigV4PathCanonicalization.Normalized);

        verification.Outcome.ShouldBe(SigV4Outcome.Valid, verification.CanonicalRequest);
    }

    [Fact]
    public void Verify_HeaderSignedBodyChanged_SignatureDoesNotMatch()
    {
        var (request, _) = SignedForm(Local, "Action=Publish&Message=hello");
        var otherBodyHash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes("Action=Publish&Message=HELLO")));
        var forged = WithHeader(request, "x-amz-content-sha256", otherBodyHash);

        var verification = Verifier().Verify(forged, Parse(forged), otherBodyHash, SigV4PathCanonicalization.Normalized);

        verification.Outcome.ShouldBe(SigV4Outcome.SignatureDoesNotMatch);
        verification.CanonicalRequest.ShouldNotBeNull().ShouldContain(otherBodyHash);
    }

    [Fact]
    public void Verify_HeaderSignedTwentyMinutesAgo_RequestTimeTooSkewed()
    {
        var (request, payloadHash) = SignedForm(Local, "Action=ListTopics");
        var verifier = new SigV4Verifier(Local, new FakeTimeProvider(Now + TimeSpan.FromMinutes(20)), TimeSpan.FromMinutes(15));

        verifier.Verify(request, Parse(request), payloadHash, SigV4PathCanonicalization.Normalized).Outcome.ShouldBe(SigV4Outcome.RequestTimeTooSkewed);
    }

    [Fact]
    public void Verify_SignedWithAnotherAccessKey_UnknownAccessKey()
    {
        var (request, payloadHash) = SignedForm(new SigV4KeyPair("AKIAOTHER", "other-secret"), "Action=ListTopics");

        Verifier().Verify(request, Parse(request), payloadHash, SigV4PathCanonicalization.Normalized).Outcome.ShouldBe(SigV4Outcome.UnknownAccessKey);
    }

    [Fact]
    public void Verify_SignedWithLocalKeyIdButAnotherSecret_SignatureDoesNotMatch()
    {
        var (request, payloadHash) = SignedForm(new SigV4KeyPair(Local.AccessKeyId, "not-the-secret"), "Action=ListTopics");

        Verifier().Verify(request, Parse(request), payloadHash, SigV4PathCanonicalization.Normalized).Outcome.ShouldBe(SigV4Outcome.SignatureDoesNotMatch);
    }

    [Theory]
    [InlineData("uploads/feed 1/ñandú ✓+(1).png")]
    [InlineData("uploads/AbC-_.~/x=y&z;a,b:c@d$e!f'g*h")]
    [InlineData("uploads//double//slash/./dot/../x")]
    public void Verify_PresignedPutFromAmazonS3Client_Valid(string key)
    {
        var request = PresignedPut(Local, key, "image/png", TimeSpan.FromMinutes(5), "image/png");

        var verification = RealClockVerifier(TimeSpan.Zero).Verify(request, Parse(request), SigV4CanonicalRequest.UnsignedPayload, SigV4PathCanonicalization.S3);

        verification.Outcome.ShouldBe(SigV4Outcome.Valid, verification.CanonicalRequest);
        verification.CanonicalRequest.ShouldNotBeNull().ShouldStartWith("PUT\n/local/s3/bucket/");
    }

    [Fact]
    public void Verify_PresignedPutSentWithAnotherContentType_SignatureDoesNotMatch()
    {
        var request = PresignedPut(Local, "uploads/a/b", "image/png", TimeSpan.FromMinutes(5), sentContentType: "image/jpeg");

        RealClockVerifier(TimeSpan.Zero).Verify(request, Parse(request), SigV4CanonicalRequest.UnsignedPayload, SigV4PathCanonicalization.S3)
            .Outcome.ShouldBe(SigV4Outcome.SignatureDoesNotMatch);
    }

    [Fact]
    public void Verify_PresignedPutAfterItsExpiry_Expired()
    {
        var request = PresignedPut(Local, "uploads/a/b", "image/png", TimeSpan.FromMinutes(5), "image/png");
        var verification = RealClockVerifier(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(2)).Verify(request, Parse(request), SigV4CanonicalRequest.UnsignedPayload, SigV4PathCanonicalization.S3);

        verification.Outcome.ShouldBe(SigV4Outcome.Expired);
        verification.Message.ShouldBe("Request has expired");
    }

    [Fact]
    public void Verify_PresignedPutDatedAnHourAhead_NotYetValid()
    {
        var request = PresignedPut(Local, "uploads/a/b", "image/png", TimeSpan.FromMinutes(5), "image/png");
        RealClockVerifier(-TimeSpan.FromHours(1)).Verify(request, Parse(request), SigV4CanonicalRequest.UnsignedPayload, SigV4PathCanonicalization.S3)
            .Outcome.ShouldBe(SigV4Outcome.NotYetValid);
    }

    [Fact]
    public void Parse_NoAuthorizationHeaderOrQuery_NotSigned()
    {
        var request = new SigV4Request("GET", "/local/s3/b/k", "versionId=null", [new("Host", "127.0.0.1")]);

        SigV4Authorization.Parse(request).IsNotSigned.ShouldBeTrue();
    }

    [Theory]
    [InlineData("X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AK%2F20260314%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20260314T150926Z&X-Amz-SignedHeaders=host&X-Amz-Signature=ab", "X-Amz-Expires")]
    [InlineData("X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AK%2F20260314%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20260314T150926Z&X-Amz-Expires=604801&X-Amz-SignedHeaders=host&X-Amz-Signature=ab", "604800")]
    [InlineData("X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AK%2F20260314%2Fus-east-1&X-Amz-Date=20260314T150926Z&X-Amz-Expires=60&X-Amz-SignedHeaders=host&X-Amz-Signature=ab", "credential")]
    [InlineData("X-Amz-Algorithm=AWS4-HMAC-SHA1&X-Amz-Credential=x", "AWS4-HMAC-SHA256")]
    public void Parse_MalformedPresignedQuery_ErrorNamingTheProblem(string query, string mentioned)
    {
        var parsed = SigV4Authorization.Parse(new SigV4Request("PUT", "/b/k", query, [new("Host", "127.0.0.1")]));

        parsed.Authorization.ShouldBeNull();
        parsed.ErrorLocation.ShouldBe(SigV4SignatureLocation.Query);
        parsed.Error.ShouldNotBeNull().ShouldContain(mentioned);
    }

    [Theory]
    [InlineData("/local/s3/b/uploads/a%20b/%C3%B1%2Bc", SigV4PathCanonicalization.S3, "/local/s3/b/uploads/a%20b/%C3%B1%2Bc")]
    [InlineData("/local/s3/b/a(1)!*'", SigV4PathCanonicalization.S3, "/local/s3/b/a%281%29%21%2A%27")]
    [InlineData("/local/s3/b//x/../y", SigV4PathCanonicalization.S3, "/local/s3/b//x/../y")]
    [InlineData("/local/sns/", SigV4PathCanonicalization.Normalized, "/local/sns/")]
    [InlineData("/a%20b//c/./d/../e", SigV4PathCanonicalization.Normalized, "/a%2520b/c/e")]
    [InlineData("/a%20b//c", SigV4PathCanonicalization.Unnormalized, "/a%2520b//c")]
    public void CanonicalUri_ServicesPathRule_EncodesAsAwsDoes(string rawPath, SigV4PathCanonicalization rule, string expected) =>
        SigV4CanonicalRequest.CanonicalUri(rawPath, rule).ShouldBe(expected);

    [Fact]
    public void CanonicalHeaderValue_RepeatedAndSpacedValues_TrimmedCollapsedJoined() =>
        SigV4CanonicalRequest.CanonicalHeaderValue(["  a   b  ", "c\n   d"]).ShouldBe("a b,c d");

    [Fact]
    public void SigV4KeyPair_ToString_HidesTheSecret() =>
        Local.ToString().ShouldNotContain(Local.SecretAccessKey);

    private static SigV4Verifier Verifier() => new(Local, new FakeTimeProvider(Now), TimeSpan.FromMinutes(15));

    private static SigV4Verifier RealClockVerifier(TimeSpan offset) =>
        new(Local, new AdjustableTimeProvider { Offset = offset }, TimeSpan.FromMinutes(15));

    private static SigV4Authorization Parse(SigV4Request request) =>
        SigV4Authorization.Parse(request).Authorization.ShouldNotBeNull();

    /// <summary>A form POST signed by AWSSDK.Core's standalone signer, as a Query-protocol client sends it.</summary>
    private static (SigV4Request Request, string PayloadHash) SignedForm(SigV4KeyPair key, string form)
    {
        var body = Encoding.UTF8.GetBytes(form);
        var signing = new AWSSigningRequest { HttpMethod = HttpMethod.Post, RequestUri = new Uri("http://127.0.0.1:8080/local/sns/"), Content = body };
        signing.Headers["Content-Type"] = "application/x-www-form-urlencoded; charset=utf-8";
        var signed = AWSSigV4Signer.Sign(signing, new AWSSigV4Parameters
        {
            Credentials = new BasicAWSCredentials(key.AccessKeyId, key.SecretAccessKey),
            Region = RegionEndpoint.USEast1,
            Service = "sns",
            SignedAt = Now.UtcDateTime,
        });
        var headers = new List<KeyValuePair<string, string>>
        {
            new("Host", "127.0.0.1:8080"),
            new("Content-Type", "application/x-www-form-urlencoded; charset=utf-8"),
        };
        headers.AddRange(signed.Headers.Select(h => new KeyValuePair<string, string>(h.Key, h.Value)));
        var request = new SigV4Request("POST", "/local/sns/", string.Empty, headers);
        return (request, request.Header("x-amz-content-sha256") ?? Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(body)));
    }

    /// <summary>A PUT to a URL presigned by AmazonS3Client, as the app presigns uploads, sent with <paramref name="sentContentType"/>.</summary>
    private static SigV4Request PresignedPut(SigV4KeyPair key, string objectKey, string signedContentType, TimeSpan expiresIn, string sentContentType)
    {
        using var s3 = new AmazonS3Client(new BasicAWSCredentials(key.AccessKeyId, key.SecretAccessKey), new AmazonS3Config
        {
            ServiceURL = "http://127.0.0.1:8080/local/s3",
            ForcePathStyle = true,
            AuthenticationRegion = "us-east-1",
        });
        // AmazonS3Client signs at the real time, so tests of presigned URLs judge them on the real clock.
        var url = s3.GetPreSignedURL(new GetPreSignedUrlRequest
        {
            BucketName = "bucket",
            Key = objectKey,
            Verb = HttpVerb.PUT,
            ContentType = signedContentType,
            Expires = DateTime.UtcNow + expiresIn,
            Protocol = Protocol.HTTP,
        });
        // The path and query exactly as the URL carries them: that is what a browser sends.
        var authority = new Uri(url).Authority;
        var pathStart = url.IndexOf('/', "http://".Length);
        var queryStart = url.IndexOf('?', StringComparison.Ordinal);
        return new SigV4Request("PUT", url[pathStart..queryStart], url[(queryStart + 1)..],
            [new("Host", authority), new("Content-Type", sentContentType)]);
    }

    private static SigV4Request WithHeader(SigV4Request request, string name, string value)
    {
        var headers = request.HeaderNames
            .Where(n => !string.Equals(n, name, StringComparison.OrdinalIgnoreCase))
            .SelectMany(n => request.HeaderValues(n).Select(v => new KeyValuePair<string, string>(n, v)))
            .Append(new(name, value));
        return new SigV4Request(request.Method, request.RawPath, request.RawQuery, headers);
    }
}
