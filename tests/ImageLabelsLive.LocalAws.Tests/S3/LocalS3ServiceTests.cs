using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Signing;
using Amazon.S3;
using Amazon.S3.Model;
using ImageLabelsLive.LocalAws.Signing;

namespace ImageLabelsLive.LocalAws.Tests.S3;

/// <summary>The local S3 over real sockets, driven by AmazonS3Client and plain HTTP as a browser would.</summary>
public sealed class LocalS3ServiceTests(LocalS3Server server) : IClassFixture<LocalS3Server>, IDisposable
{
    private readonly HttpClient http = new();

    public void Dispose() => http.Dispose();

    [Fact]
    public async Task PresignedPut_ValidSignature_200WithMd5ETagAndBytesStored()
    {
        var key = NewKey("photo.png");
        var bytes = RandomBytes(3000);

        using var response = await PutAsync(Presign(key, "image/png"), bytes, "image/png");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Headers.ETag!.Tag.ShouldBe("\"" + Md5Hex(bytes) + "\"");
        (await http.GetByteArrayAsync(PresignRead(key, HttpVerb.GET))).ShouldBe(bytes);
    }

    [Fact]
    public async Task PresignedPut_KeyWithSpacesAndUnicode_EmitsObjectCreatedPutWithAwsEncodedKey()
    {
        var key = NewKey("my photo ñandú ✓+(1).png");
        var bytes = RandomBytes(1234);

        using var response = await PutAsync(Presign(key, "image/png"), bytes, "image/png");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var invocation = (await server.Lambda.WaitForAsync(key, 1)).Single();

        var record = invocation.GetProperty("Records")[0];
        record.GetProperty("eventVersion").GetString().ShouldBe("2.1");
        record.GetProperty("eventSource").GetString().ShouldBe("aws:s3");
        record.GetProperty("awsRegion").GetString().ShouldBe("us-east-1");
        record.GetProperty("eventName").GetString().ShouldBe("ObjectCreated:Put");
        DateTimeOffset.Parse(record.GetProperty("eventTime").GetString()!, System.Globalization.CultureInfo.InvariantCulture)
            .ShouldBe(DateTimeOffset.UtcNow, TimeSpan.FromMinutes(1));
        record.GetProperty("userIdentity").GetProperty("principalId").GetString().ShouldBe("AWS:" + server.Credentials.AccessKeyId);
        record.GetProperty("requestParameters").GetProperty("sourceIPAddress").GetString().ShouldBe("127.0.0.1");
        record.GetProperty("responseElements").GetProperty("x-amz-request-id").GetString()
            .ShouldBe(response.Headers.GetValues("x-amz-request-id").Single());
        var s3 = record.GetProperty("s3");
        s3.GetProperty("s3SchemaVersion").GetString().ShouldBe("1.0");
        s3.GetProperty("configurationId").GetString().ShouldNotBeNullOrEmpty();
        s3.GetProperty("bucket").GetProperty("name").GetString().ShouldBe(LocalS3Server.Bucket);
        s3.GetProperty("bucket").GetProperty("arn").GetString().ShouldBe("arn:aws:s3:::" + LocalS3Server.Bucket);
        s3.GetProperty("bucket").GetProperty("ownerIdentity").GetProperty("principalId").GetString().ShouldNotBeNullOrEmpty();
        var item = s3.GetProperty("object");
        item.GetProperty("key").GetString().ShouldBe(key.Replace("my photo ñandú ✓+(1).png", "my+photo+%C3%B1and%C3%BA+%E2%9C%93%2B%281%29.png", StringComparison.Ordinal));
        WebUtility.UrlDecode(item.GetProperty("key").GetString()).ShouldBe(key);
        item.GetProperty("size").GetInt64().ShouldBe(1234);
        item.GetProperty("eTag").GetString().ShouldBe(Md5Hex(bytes));
        item.GetProperty("sequencer").GetString().ShouldNotBeNullOrEmpty();
        server.Lambda.Invocations.Where(i => i.Event.Equals(invocation)).ShouldAllBe(i => i.Function == "ProcessImage");
    }

    [Fact]
    public async Task PresignedPut_TamperedSignature_403SignatureDoesNotMatchAndNothingStored()
    {
        var key = NewKey("a.png");
        var url = Presign(key, "image/png");
        var signatureAt = url.IndexOf("X-Amz-Signature=", StringComparison.Ordinal) + "X-Amz-Signature=".Length;
        var tampered = url[..signatureAt] + (url[signatureAt] == 'a' ? 'b' : 'a') + url[(signatureAt + 1)..];

        using var response = await PutAsync(tampered, RandomBytes(10), "image/png");

        await ShouldBeS3ErrorAsync(response, HttpStatusCode.Forbidden, "SignatureDoesNotMatch");
        await ShouldNotExistAsync(key);
    }

    [Fact]
    public async Task PresignedPut_PastItsExpiry_403AccessDeniedRequestHasExpired()
    {
        var key = NewKey("late.png");
        var url = Presign(key, "image/png", TimeSpan.FromMinutes(1));
        server.Clock.Offset = TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(5);
        try
        {
            using var response = await PutAsync(url, RandomBytes(10), "image/png");

            var error = await ShouldBeS3ErrorAsync(response, HttpStatusCode.Forbidden, "AccessDenied");
            error.Element("Message")!.Value.ShouldBe("Request has expired");
            error.Element("X-Amz-Expires")!.Value.ShouldBe("60");
        }
        finally
        {
            server.Clock.Offset = TimeSpan.Zero;
        }
        await ShouldNotExistAsync(key);
    }

    [Fact]
    public async Task PresignedPut_OtherContentTypeThanSigned_403SignatureDoesNotMatch()
    {
        var key = NewKey("typed.png");

        using var response = await PutAsync(Presign(key, "image/png"), RandomBytes(10), "text/html");

        var error = await ShouldBeS3ErrorAsync(response, HttpStatusCode.Forbidden, "SignatureDoesNotMatch");
        error.Element("CanonicalRequest")!.Value.ShouldContain("content-type:text/html");
        await ShouldNotExistAsync(key);
    }

    [Fact]
    public async Task PresignedPut_UrlPointedAtAnotherKey_403SignatureDoesNotMatch()
    {
        var key = NewKey("mine.png");
        var other = NewKey("theirs.png");
        var url = Presign(key, "image/png").Replace(Uri.EscapeDataString(key[(key.LastIndexOf('/') + 1)..]), "theirs.png", StringComparison.Ordinal);
        url.ShouldContain("theirs.png");

        using var response = await PutAsync(url, RandomBytes(10), "image/png");

        await ShouldBeS3ErrorAsync(response, HttpStatusCode.Forbidden, "SignatureDoesNotMatch");
        await ShouldNotExistAsync(other);
    }

    [Fact]
    public async Task PresignedPut_SignedWithAnotherAccessKey_403InvalidAccessKeyId()
    {
        var key = NewKey("foreign.png");
        var url = Presign(key, "image/png", credentials: new SigV4KeyPair("AKIAFOREIGN", "foreign-secret"));

        using var response = await PutAsync(url, RandomBytes(10), "image/png");

        await ShouldBeS3ErrorAsync(response, HttpStatusCode.Forbidden, "InvalidAccessKeyId");
        await ShouldNotExistAsync(key);
    }

    [Fact]
    public async Task Put_Unsigned_403AccessDenied()
    {
        var key = NewKey("anonymous.png");

        using var response = await PutAsync(ObjectUrl(key), RandomBytes(10), "image/png");

        await ShouldBeS3ErrorAsync(response, HttpStatusCode.Forbidden, "AccessDenied");
        await ShouldNotExistAsync(key);
    }

    [Fact]
    public async Task PresignedPut_SixteenMebibytesPlusOne_413EntityTooLarge()
    {
        var key = NewKey("huge.png");

        using var response = await PutAsync(Presign(key, "image/png"), new byte[16 * 1024 * 1024 + 1], "image/png");

        var error = await ShouldBeS3ErrorAsync(response, HttpStatusCode.RequestEntityTooLarge, "EntityTooLarge");
        error.Element("MaxSizeAllowed")!.Value.ShouldBe((16 * 1024 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture));
        await ShouldNotExistAsync(key);
    }

    [Fact]
    public async Task PresignedPut_FifteenMebibytes_Accepted()
    {
        var key = NewKey("big.png");

        using var response = await PutAsync(Presign(key, "image/png"), new byte[15 * 1024 * 1024], "image/png");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var s3 = server.CreateClient();
        (await s3.GetObjectMetadataAsync(LocalS3Server.Bucket, key)).ContentLength.ShouldBe(15 * 1024 * 1024);
    }

    [Fact]
    public async Task PresignedPut_KeyOutsideNotificationPrefix_NoEvent()
    {
        var key = "other/" + Guid.NewGuid().ToString("N");
        var marker = NewKey("after.png");

        (await PutAsync(Presign(key, "image/png"), RandomBytes(10), "image/png")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await PutAsync(Presign(marker, "image/png"), RandomBytes(10), "image/png")).StatusCode.ShouldBe(HttpStatusCode.OK);
        await server.Lambda.WaitForAsync(marker, 1);
        await server.Notifier.WhenIdleAsync();

        server.Lambda.For(key).ShouldBeEmpty();
    }

    [Fact]
    public async Task PutObject_KeyWithDotDotSegments_StoredInsideTheBucketFolder()
    {
        // Resolved as a path this would climb out of the bucket (Kestrel routes it as /local/s3/escape.png); as a key it is just text.
        var key = "uploads/a/../../" + Guid.NewGuid().ToString("N") + "/../../escape.png";
        var bucketFolder = Path.Combine(server.DataDirectory, LocalS3Server.Bucket);
        using var s3 = server.CreateClient();

        await s3.PutObjectAsync(new PutObjectRequest { BucketName = LocalS3Server.Bucket, Key = key, ContentBody = "0123456789" });

        (await s3.GetObjectMetadataAsync(LocalS3Server.Bucket, key)).ContentLength.ShouldBe(10);
        Directory.GetFiles(server.DataDirectory, "*", SearchOption.AllDirectories)
            .ShouldAllBe(f => Path.GetDirectoryName(f) == bucketFolder);
    }

    [Fact]
    public async Task GetObject_ByteRangeWithLocalKey_206WithTheFirstBytes()
    {
        var key = NewKey("ranged.png");
        var bytes = RandomBytes(5000);
        (await PutAsync(Presign(key, "image/png"), bytes, "image/png")).StatusCode.ShouldBe(HttpStatusCode.OK);
        using var s3 = server.CreateClient();

        using var response = await s3.GetObjectAsync(new GetObjectRequest { BucketName = LocalS3Server.Bucket, Key = key, ByteRange = new ByteRange(0, 15) });
        var read = new byte[32];
        var count = await response.ResponseStream.ReadAtLeastAsync(read, 32, throwOnEndOfStream: false);

        response.HttpStatusCode.ShouldBe(HttpStatusCode.PartialContent);
        response.ContentRange.ShouldBe("bytes 0-15/5000");
        read[..count].ShouldBe(bytes[..16]);
    }

    [Fact]
    public async Task GetObject_SuffixRange_TheLastBytes()
    {
        var key = NewKey("suffix.png");
        var bytes = RandomBytes(100);
        (await PutAsync(Presign(key, "image/png"), bytes, "image/png")).StatusCode.ShouldBe(HttpStatusCode.OK);
        using var request = new HttpRequestMessage(HttpMethod.Get, PresignRead(key, HttpVerb.GET));
        request.Headers.Range = new RangeHeaderValue(null, 10);

        using var response = await http.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.PartialContent);
        response.Content.Headers.ContentRange!.ToString().ShouldBe("bytes 90-99/100");
        (await response.Content.ReadAsByteArrayAsync()).ShouldBe(bytes[90..]);
    }

    [Fact]
    public async Task GetObject_RangePastTheEnd_416InvalidRange()
    {
        var key = NewKey("short.png");
        (await PutAsync(Presign(key, "image/png"), RandomBytes(100), "image/png")).StatusCode.ShouldBe(HttpStatusCode.OK);
        using var request = new HttpRequestMessage(HttpMethod.Get, PresignRead(key, HttpVerb.GET));
        request.Headers.Range = new RangeHeaderValue(100, 200);

        using var response = await http.SendAsync(request);

        var error = await ShouldBeS3ErrorAsync(response, HttpStatusCode.RequestedRangeNotSatisfiable, "InvalidRange");
        error.Element("ActualObjectSize")!.Value.ShouldBe("100");
    }

    [Fact]
    public async Task GetObject_PresignedWithoutRange_200WholeObjectWithItsContentType()
    {
        var key = NewKey("whole.jpg");
        var bytes = RandomBytes(777);
        (await PutAsync(Presign(key, "image/jpeg"), bytes, "image/jpeg")).StatusCode.ShouldBe(HttpStatusCode.OK);

        using var response = await http.GetAsync(PresignRead(key, HttpVerb.GET));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("image/jpeg");
        (await response.Content.ReadAsByteArrayAsync()).ShouldBe(bytes);
    }

    [Fact]
    public async Task GetObject_Unsigned_403AccessDeniedAsAPrivateBucketAnswers()
    {
        var key = NewKey("private.jpg");
        (await PutAsync(Presign(key, "image/jpeg"), RandomBytes(10), "image/jpeg")).StatusCode.ShouldBe(HttpStatusCode.OK);

        using var response = await http.GetAsync(ObjectUrl(key));

        await ShouldBeS3ErrorAsync(response, HttpStatusCode.Forbidden, "AccessDenied");
    }

    [Fact]
    public async Task HeadObject_Unsigned_403WithoutABody()
    {
        var key = NewKey("private-head.jpg");
        (await PutAsync(Presign(key, "image/jpeg"), RandomBytes(10), "image/jpeg")).StatusCode.ShouldBe(HttpStatusCode.OK);
        using var request = new HttpRequestMessage(HttpMethod.Head, ObjectUrl(key));

        using var response = await http.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await response.Content.ReadAsByteArrayAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task HeadObject_StoredObject_LengthTypeETagAndLastModified()
    {
        var key = NewKey("head.png");
        var bytes = RandomBytes(4321);
        (await PutAsync(Presign(key, "image/png"), bytes, "image/png")).StatusCode.ShouldBe(HttpStatusCode.OK);
        using var s3 = server.CreateClient();

        var metadata = await s3.GetObjectMetadataAsync(LocalS3Server.Bucket, key);

        metadata.ContentLength.ShouldBe(4321);
        metadata.Headers.ContentType.ShouldBe("image/png");
        metadata.ETag.ShouldBe("\"" + Md5Hex(bytes) + "\"");
        metadata.LastModified!.Value.ToUniversalTime().ShouldBe(DateTime.UtcNow, TimeSpan.FromMinutes(1));
    }

    [Fact]
    public async Task GetObject_MissingKey_404NoSuchKey()
    {
        using var s3 = server.CreateClient();

        var error = await Should.ThrowAsync<AmazonS3Exception>(() => s3.GetObjectAsync(LocalS3Server.Bucket, NewKey("missing.png")));

        error.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        error.ErrorCode.ShouldBe("NoSuchKey");
    }

    [Fact]
    public async Task HeadObject_MissingKey_404WithoutABody()
    {
        using var request = new HttpRequestMessage(HttpMethod.Head, PresignRead(NewKey("missing.png"), HttpVerb.HEAD));

        using var response = await http.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await response.Content.ReadAsByteArrayAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task GetObject_AnotherBucket_404NoSuchBucket()
    {
        using var s3 = server.CreateClient();

        var error = await Should.ThrowAsync<AmazonS3Exception>(() => s3.GetObjectAsync("some-other-bucket", "uploads/x"));

        error.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        error.ErrorCode.ShouldBe("NoSuchBucket");
    }

    [Fact]
    public async Task GetObject_LocalAccessKeyWithWrongSecret_403SignatureDoesNotMatch()
    {
        var key = NewKey("guarded.png");
        (await PutAsync(Presign(key, "image/png"), RandomBytes(10), "image/png")).StatusCode.ShouldBe(HttpStatusCode.OK);
        using var s3 = server.CreateClient(new SigV4KeyPair(server.Credentials.AccessKeyId, "wrong-secret"));

        var error = await Should.ThrowAsync<AmazonS3Exception>(() => s3.GetObjectAsync(LocalS3Server.Bucket, key));

        error.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        error.ErrorCode.ShouldBe("SignatureDoesNotMatch");
    }

    [Fact]
    public async Task GetObject_AnotherAccessKey_AcceptedUnverified()
    {
        var key = NewKey("shared.png");
        var bytes = RandomBytes(64);
        (await PutAsync(Presign(key, "image/png"), bytes, "image/png")).StatusCode.ShouldBe(HttpStatusCode.OK);
        using var s3 = server.CreateClient(new SigV4KeyPair("AKIAANYONE", "anything"));

        using var response = await s3.GetObjectAsync(LocalS3Server.Bucket, key);
        using var copy = new MemoryStream();
        await response.ResponseStream.CopyToAsync(copy);

        copy.ToArray().ShouldBe(bytes);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task PutObject_AwsSdkChunkedUpload_StoresTheDecodedBytes(bool localKey)
    {
        var key = NewKey("sdk.bin");
        var bytes = RandomBytes(200_000);
        using var s3 = server.CreateClient(localKey ? null : new SigV4KeyPair("AKIAANYONE", "anything"));

        var put = await s3.PutObjectAsync(new PutObjectRequest
        {
            BucketName = LocalS3Server.Bucket,
            Key = key,
            InputStream = new MemoryStream(bytes),
            ContentType = "application/octet-stream",
        });
        using var get = await s3.GetObjectAsync(LocalS3Server.Bucket, key);
        using var copy = new MemoryStream();
        await get.ResponseStream.CopyToAsync(copy);

        put.ETag.ShouldBe("\"" + Md5Hex(bytes) + "\"");
        copy.ToArray().ShouldBe(bytes);
        (await server.Lambda.WaitForAsync(key, 1)).Single().GetProperty("Records")[0].GetProperty("s3").GetProperty("object").GetProperty("size").GetInt64()
            .ShouldBe(200_000);
    }

    [Fact]
    public async Task PutObject_HeaderSignedPayloadHashOfOtherBytes_400XAmzContentSHA256Mismatch()
    {
        var key = NewKey("hashed.bin");
        using var request = new HttpRequestMessage(HttpMethod.Put, ObjectUrl(key)) { Content = new ByteArrayContent(RandomBytes(50)) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        // A valid signature over a payload hash that is not the body's.
        request.Headers.TryAddWithoutValidation("x-amz-content-sha256", Convert.ToHexStringLower(SHA256.HashData(RandomBytes(50))));
        using var signed = new HttpClient(new SigV4SigningHandler(
            new BasicAWSCredentials(server.Credentials.AccessKeyId, server.Credentials.SecretAccessKey), RegionEndpoint.USEast1, "s3", new HttpClientHandler()));

        using var response = await signed.SendAsync(request);

        await ShouldBeS3ErrorAsync(response, HttpStatusCode.BadRequest, "XAmzContentSHA256Mismatch");
        await ShouldNotExistAsync(key);
    }

    [Fact]
    public async Task Notification_FunctionFailsTwice_DeliveredOnTheThirdAttempt()
    {
        var key = NewKey("flaky.png");
        server.Lambda.FailFor(key, 2);

        (await PutAsync(Presign(key, "image/png"), RandomBytes(10), "image/png")).StatusCode.ShouldBe(HttpStatusCode.OK);
        await server.Lambda.WaitForAsync(key, 3);
        await server.Notifier.WhenIdleAsync();

        server.Lambda.For(key).Count.ShouldBe(3);
        var lines = server.Logs.Collector.GetSnapshot().Select(record => record.Message).Where(l => l.Contains(key[(key.LastIndexOf('/') + 1)..], StringComparison.Ordinal)).ToList();
        lines.Count(l => l.Contains("retrying in", StringComparison.Ordinal)).ShouldBe(2);
        lines.Count(l => l.Contains("delivered (attempt 3 of 3", StringComparison.Ordinal)).ShouldBe(1);
    }

    [Fact]
    public async Task Notification_FunctionAlwaysFails_TwoRetriesThenDropped()
    {
        var key = NewKey("doomed.png");
        server.Lambda.FailFor(key, int.MaxValue);

        (await PutAsync(Presign(key, "image/png"), RandomBytes(10), "image/png")).StatusCode.ShouldBe(HttpStatusCode.OK);
        await server.Lambda.WaitForAsync(key, 3);
        await server.Notifier.WhenIdleAsync();
        await Task.Delay(300);

        server.Lambda.For(key).Count.ShouldBe(3);
        var lines = server.Logs.Collector.GetSnapshot().Select(record => record.Message).Where(l => l.Contains(key[(key.LastIndexOf('/') + 1)..], StringComparison.Ordinal)).ToList();
        lines.Count(l => l.Contains("retrying in", StringComparison.Ordinal)).ShouldBe(2);
        lines.Count(l => l.Contains("dropping the event", StringComparison.Ordinal)).ShouldBe(1);
    }

    [Fact]
    public async Task DeleteObject_SignedWithLocalKey_ThenNoSuchKey()
    {
        var key = NewKey("gone.png");
        (await PutAsync(Presign(key, "image/png"), RandomBytes(10), "image/png")).StatusCode.ShouldBe(HttpStatusCode.OK);
        using var s3 = server.CreateClient();

        (await s3.DeleteObjectAsync(LocalS3Server.Bucket, key)).HttpStatusCode.ShouldBe(HttpStatusCode.NoContent);

        await ShouldNotExistAsync(key);
    }

    [Fact]
    public async Task Options_CorsPreflightForPut_200AllowingTheMethodAndHeaders()
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, ObjectUrl(NewKey("cors.png")));
        request.Headers.Add("Origin", "http://localhost:5173");
        request.Headers.Add("Access-Control-Request-Method", "PUT");
        request.Headers.Add("Access-Control-Request-Headers", "content-type");

        using var response = await http.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Headers.GetValues("Access-Control-Allow-Origin").Single().ShouldBe("http://localhost:5173");
        response.Headers.GetValues("Access-Control-Allow-Methods").Single().ShouldContain("PUT");
        response.Headers.GetValues("Access-Control-Allow-Headers").Single().ShouldBe("content-type");
    }

    [Fact]
    public async Task ListBuckets_AnyCaller_ListsTheServedBucket()
    {
        using var s3 = server.CreateClient();

        var buckets = await s3.ListBucketsAsync();

        buckets.Buckets.Select(b => b.BucketName).ShouldBe([LocalS3Server.Bucket]);
    }

    [Fact]
    public async Task IsHealthyAsync_WritableDataFolder_True() =>
        (await server.Service.IsHealthyAsync()).ShouldBeTrue();

    private static string NewKey(string fileName) => $"uploads/{Guid.NewGuid():N}/{fileName}";

    private static byte[] RandomBytes(int count) => RandomNumberGenerator.GetBytes(count);

#pragma warning disable CA5351 // S3's ETag is the MD5 of the bytes; the test checks that, nothing secure.
    private static string Md5Hex(byte[] bytes) => Convert.ToHexStringLower(MD5.HashData(bytes));
#pragma warning restore CA5351

    private string ObjectUrl(string key) =>
        $"{server.ServiceUrl}/{LocalS3Server.Bucket}/{string.Join('/', key.Split('/').Select(Uri.EscapeDataString))}";

    /// <summary>Presigns a PUT exactly as the app's UploadUrl function does.</summary>
    private string Presign(string key, string contentType, TimeSpan? expiresIn = null, SigV4KeyPair? credentials = null)
    {
        using var s3 = server.CreateClient(credentials);
        return s3.GetPreSignedURL(new GetPreSignedUrlRequest
        {
            BucketName = LocalS3Server.Bucket,
            Key = key,
            Verb = HttpVerb.PUT,
            ContentType = contentType,
            Expires = DateTime.UtcNow + (expiresIn ?? TimeSpan.FromMinutes(5)),
            Protocol = Protocol.HTTP,
        });
    }

    /// <summary>A presigned GET or HEAD of the object with the local key, as the app links its images.</summary>
    private Uri PresignRead(string key, HttpVerb verb)
    {
        using var s3 = server.CreateClient();
        return new Uri(s3.GetPreSignedURL(new GetPreSignedUrlRequest
        {
            BucketName = LocalS3Server.Bucket, Key = key, Verb = verb, Expires = DateTime.UtcNow.AddMinutes(5), Protocol = Protocol.HTTP,
        }));
    }

    /// <summary>PUTs bytes as a browser's fetch does: the URL as given, with exactly a Content-Type header.</summary>
    private async Task<HttpResponseMessage> PutAsync(string url, byte[] bytes, string contentType)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, new Uri(url)) { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return await http.SendAsync(request);
    }

    private static async Task<XElement> ShouldBeS3ErrorAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(status, body);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/xml");
        var error = XDocument.Parse(body).Root!;
        error.Name.LocalName.ShouldBe("Error");
        error.Element("Code")!.Value.ShouldBe(code);
        error.Element("Message")!.Value.ShouldNotBeNullOrWhiteSpace();
        error.Element("RequestId")!.Value.ShouldBe(response.Headers.GetValues("x-amz-request-id").Single());
        return error;
    }

    private async Task ShouldNotExistAsync(string key)
    {
        using var s3 = server.CreateClient();
        var error = await Should.ThrowAsync<AmazonS3Exception>(() => s3.GetObjectMetadataAsync(LocalS3Server.Bucket, key));
        error.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
