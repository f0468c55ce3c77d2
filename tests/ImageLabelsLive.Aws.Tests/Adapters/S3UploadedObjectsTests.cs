using System.Globalization;
using System.Text.Json;
using System.Web;
using Amazon;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using ImageLabelsLive.Aws.S3;
using NSubstitute;

namespace ImageLabelsLive.Aws.Tests.Adapters;

[Collection(FrozenSdkClockGroup.Name)]
public class S3UploadedObjectsTests
{
    private const string Bucket = "ill-uploads";
    private const string Key = "uploads/Ab-_Cd-_Ef-_Gh-_Ij/0192f1e0c0de7000a000000000000000";
    private static readonly DateTime SignedAt = new(2026, 11, 21, 9, 0, 0, DateTimeKind.Utc);
    private static readonly BasicAWSCredentials Credentials = new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");

    private static AmazonS3Client AwsClient(string region = "eu-west-1", AWSCredentials? credentials = null) =>
        new(credentials ?? Credentials, new AmazonS3Config { RegionEndpoint = RegionEndpoint.GetBySystemName(region) });

    private static AmazonS3Client LocalClient() =>
        new(Credentials, new AmazonS3Config { ServiceURL = "http://127.0.0.1:9000", ForcePathStyle = true, AuthenticationRegion = "eu-west-1" });

    private static Dictionary<string, string> Query(Uri url) =>
        HttpUtility.ParseQueryString(url.Query).AllKeys.ToDictionary(name => name!, name => HttpUtility.ParseQueryString(url.Query)[name]!, StringComparer.Ordinal);

    [SharedFact]
    public void SignPut_SharedS3PresignedPutVectors_ReproducesTheirUrlsAndSignatures()
    {
        using var vectors = JsonDocument.Parse(File.ReadAllText(SharedData.PathOf("contracts", "sigv4", "s3-vectors.json")));
        var keys = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in new[] { "credentials_doc", "credentials_extra" })
        {
            var credentials = vectors.RootElement.GetProperty(name);
            keys[credentials.GetProperty("access_key_id").GetString()!] = credentials.GetProperty("secret_access_key").GetString()!;
        }
        var checkedCases = new List<string>();
        foreach (var vector in vectors.RootElement.GetProperty("cases").EnumerateArray())
        {
            var expected = new Uri(vector.GetProperty("url").GetString()!);
            if (vector.GetProperty("method").GetString() != "PUT" || !expected.Query.Contains("X-Amz-Signature=", StringComparison.Ordinal))
            {
                continue;
            }
            var query = Query(expected);
            var scope = query["X-Amz-Credential"].Split('/');
            var signedAt = DateTime.ParseExact(query["X-Amz-Date"], "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
            var expires = TimeSpan.FromSeconds(int.Parse(query["X-Amz-Expires"], CultureInfo.InvariantCulture));
            var bucket = expected.Host.Split('.')[0];
            var key = Uri.UnescapeDataString(expected.AbsolutePath[1..]);
            var contentType = vector.GetProperty("request_headers").GetProperty("Content-Type").GetString()!;
            using var client = AwsClient(scope[2], new BasicAWSCredentials(scope[0], keys[scope[0]]));

            Uri signed;
            using (SdkClock.FrozenAt(signedAt))
            {
                signed = new S3UploadedObjects(client, bucket).SignPut(key, contentType, new DateTimeOffset(signedAt + expires));
            }

            var name = vector.GetProperty("name").GetString()!;
            signed.GetLeftPart(UriPartial.Path).ShouldBe(expected.GetLeftPart(UriPartial.Path), name);
            Query(signed).ShouldBe(query, ignoreOrder: true, name);
            Query(signed)["X-Amz-Signature"].ShouldBe(vector.GetProperty("signature").GetString(), name);
            checkedCases.Add(name);
        }
        checkedCases.ShouldNotBeEmpty("s3-vectors.json has no presigned PUT case.");
    }

    [Fact]
    public void SignPut_AwsEndpoint_ReturnsHttpsVirtualHostedUrlWithTheExactKeyPath()
    {
        using var client = AwsClient();

        var url = new S3UploadedObjects(client, Bucket).SignPut(Key, "image/png", DateTimeOffset.UtcNow.AddMinutes(5));

        url.Scheme.ShouldBe("https");
        url.Host.ShouldBe($"{Bucket}.s3.eu-west-1.amazonaws.com");
        url.AbsolutePath.ShouldBe("/" + Key);
    }

    [Fact]
    public void SignPut_HttpEndpoint_ReturnsHttpPathStyleUrl()
    {
        using var client = LocalClient();

        var url = new S3UploadedObjects(client, Bucket).SignPut(Key, "image/png", DateTimeOffset.UtcNow.AddMinutes(5));

        url.GetLeftPart(UriPartial.Path).ShouldBe($"http://127.0.0.1:9000/{Bucket}/{Key}");
    }

    [Fact]
    public void SignPut_AnyEndpoint_SignsContentTypeAndHostOnly()
    {
        using var aws = AwsClient();
        using var local = LocalClient();

        foreach (var client in new[] { aws, local })
        {
            var query = Query(new S3UploadedObjects(client, Bucket).SignPut(Key, "image/jpeg", DateTimeOffset.UtcNow.AddMinutes(5)));

            query["X-Amz-SignedHeaders"].ShouldBe("content-type;host");
            query["X-Amz-Algorithm"].ShouldBe("AWS4-HMAC-SHA256");
            query["X-Amz-Credential"].ShouldEndWith("/eu-west-1/s3/aws4_request");
            query["X-Amz-Credential"].ShouldStartWith("AKIDEXAMPLE/");
        }
    }

    [Fact]
    public void SignGet_HttpEndpoint_PresignsGetOfTheKeyWithHostOnlySigned()
    {
        using var client = LocalClient();

        var url = new S3UploadedObjects(client, Bucket).SignGet(Key, DateTimeOffset.UtcNow.AddHours(1));

        url.GetLeftPart(UriPartial.Path).ShouldBe($"http://127.0.0.1:9000/{Bucket}/{Key}");
        var query = Query(url);
        query["X-Amz-SignedHeaders"].ShouldBe("host");
        int.Parse(query["X-Amz-Expires"]!, System.Globalization.CultureInfo.InvariantCulture).ShouldBeInRange(3590, 3600);
    }

    [Theory]
    [InlineData(60)]
    [InlineData(300)]
    [InlineData(3600)]
    public void SignPut_ExpiresAt_BecomesXAmzExpiresFromNow(int seconds)
    {
        using var client = LocalClient();
        Uri url;
        using (SdkClock.FrozenAt(SignedAt))
        {
            url = new S3UploadedObjects(client, Bucket).SignPut(Key, "image/png", new DateTimeOffset(SignedAt).AddSeconds(seconds));
        }

        var query = Query(url);
        query["X-Amz-Expires"].ShouldBe(seconds.ToString(CultureInfo.InvariantCulture));
        query["X-Amz-Date"].ShouldBe("20261121T090000Z");
    }

    [Fact]
    public void SignPut_RealClockFiveMinutesAhead_ExpiresInFiveMinutes()
    {
        using var client = AwsClient();

        var url = new S3UploadedObjects(client, Bucket).SignPut(Key, "image/png", DateTimeOffset.UtcNow.AddMinutes(5));

        int.Parse(Query(url)["X-Amz-Expires"], CultureInfo.InvariantCulture).ShouldBeInRange(299, 300);
    }

    [Fact]
    public void SignPut_DifferentContentTypes_GiveDifferentSignatures()
    {
        using var client = LocalClient();
        string png, jpeg;
        using (SdkClock.FrozenAt(SignedAt))
        {
            var objects = new S3UploadedObjects(client, Bucket);
            png = Query(objects.SignPut(Key, "image/png", new DateTimeOffset(SignedAt).AddMinutes(5)))["X-Amz-Signature"];
            jpeg = Query(objects.SignPut(Key, "image/jpeg", new DateTimeOffset(SignedAt).AddMinutes(5)))["X-Amz-Signature"];
        }

        png.ShouldNotBe(jpeg);
    }

    [Fact]
    public async Task ReadPrefixAsync_LongObject_AsksForARangeAndReturnsThatManyBytes()
    {
        var s3 = Substitute.For<IAmazonS3>();
        GetObjectRequest? sent = null;
        s3.GetObjectAsync(Arg.Do<GetObjectRequest>(request => sent = request), Arg.Any<CancellationToken>())
            .Returns(_ => new GetObjectResponse { ResponseStream = new MemoryStream([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) });

        var prefix = await new S3UploadedObjects(s3, Bucket).ReadPrefixAsync(Bucket, Key, 8, default);

        prefix.ShouldBe(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A });
        sent.ShouldNotBeNull();
        sent.BucketName.ShouldBe(Bucket);
        sent.Key.ShouldBe(Key);
        sent.ByteRange.Start.ShouldBe(0);
        sent.ByteRange.End.ShouldBe(7);
    }

    [Fact]
    public async Task ReadPrefixAsync_ShortObject_ReturnsWhatThereIs()
    {
        var s3 = Substitute.For<IAmazonS3>();
        s3.GetObjectAsync(Arg.Any<GetObjectRequest>(), Arg.Any<CancellationToken>())
            .Returns(_ => new GetObjectResponse { ResponseStream = new MemoryStream("GIF"u8.ToArray()) });

        var prefix = await new S3UploadedObjects(s3, Bucket).ReadPrefixAsync(Bucket, Key, 8, default);

        prefix.ShouldBe("GIF"u8.ToArray());
    }

    [Fact]
    public async Task FindAsync_ObjectThere_IsItsContentLengthAndLastModified()
    {
        var s3 = Substitute.For<IAmazonS3>();
        GetObjectMetadataRequest? sent = null;
        s3.GetObjectMetadataAsync(Arg.Do<GetObjectMetadataRequest>(request => sent = request), Arg.Any<CancellationToken>())
            .Returns(new GetObjectMetadataResponse { ContentLength = 163_759, LastModified = SignedAt });

        var found = await new S3UploadedObjects(s3, Bucket).FindAsync(Bucket, Key, default);

        found.ShouldBe(new Core.Ports.ArrivedObject(163_759, new DateTimeOffset(SignedAt)));
        sent.ShouldNotBeNull().Key.ShouldBe(Key);
        sent.BucketName.ShouldBe(Bucket);
    }

    [Fact]
    public async Task FindAsync_NotFound_IsNull()
    {
        var s3 = Substitute.For<IAmazonS3>();
        s3.GetObjectMetadataAsync(Arg.Any<GetObjectMetadataRequest>(), Arg.Any<CancellationToken>())
            .Returns<GetObjectMetadataResponse>(_ => throw new AmazonS3Exception("Not Found") { StatusCode = System.Net.HttpStatusCode.NotFound });

        var found = await new S3UploadedObjects(s3, Bucket).FindAsync(Bucket, Key, default);

        found.ShouldBeNull();
    }

    [Fact]
    public async Task FindAsync_AccessDenied_Throws()
    {
        // Without s3:ListBucket S3 answers a missing key 403: not proof of absence, so the sweeper must not fail the upload on it.
        var s3 = Substitute.For<IAmazonS3>();
        s3.GetObjectMetadataAsync(Arg.Any<GetObjectMetadataRequest>(), Arg.Any<CancellationToken>())
            .Returns<GetObjectMetadataResponse>(_ => throw new AmazonS3Exception("Forbidden") { StatusCode = System.Net.HttpStatusCode.Forbidden });

        await Should.ThrowAsync<AmazonS3Exception>(() => new S3UploadedObjects(s3, Bucket).FindAsync(Bucket, Key, default));
    }

    [Fact]
    public async Task ReadPrefixAsync_NoBytesWanted_Throws()
    {
        var s3 = Substitute.For<IAmazonS3>();

        await Should.ThrowAsync<ArgumentOutOfRangeException>(() => new S3UploadedObjects(s3, Bucket).ReadPrefixAsync(Bucket, Key, 0, default));
    }
}
