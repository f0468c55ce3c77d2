using System.Net;
using System.Xml.Linq;
using Amazon.S3;
using Amazon.S3.Model;
using ImageLabelsLive.LocalAws.S3;
using ImageLabelsLive.LocalAws.Signing;

namespace ImageLabelsLive.LocalAws.Tests.S3;

/// <summary>ListObjectsV2, ListObjects and GetBucketLocation on the local S3 over real sockets, driven by AmazonS3Client and plain HTTP.</summary>
public sealed class S3ListObjectsTests(LocalS3Server server) : IClassFixture<LocalS3Server>
{
    [Fact]
    public async Task ListObjectsV2_PrefixAndDelimiter_KeysThenCommonPrefixesInOrder()
    {
        var prefix = await PutAllAsync("b.png", "a.png", "photos/1.png", "photos/2.png", "raw/x.png");
        using var s3 = server.CreateClient();

        var page = await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = LocalS3Server.Bucket, Prefix = prefix, Delimiter = "/" });

        page.S3Objects.Select(o => o.Key).ShouldBe([prefix + "a.png", prefix + "b.png"]);
        page.CommonPrefixes.ShouldBe([prefix + "photos/", prefix + "raw/"]);
        page.KeyCount.ShouldBe(4);
        page.IsTruncated.ShouldBe(false);
        var first = page.S3Objects[0];
        first.Size.ShouldBe(3);
        first.ETag.ShouldStartWith("\"");
        first.LastModified!.Value.ToUniversalTime().ShouldBe(DateTime.UtcNow, TimeSpan.FromMinutes(1));
        first.StorageClass.Value.ShouldBe("STANDARD");
    }

    [Fact]
    public async Task ListObjectsV2_MaxKeysTwo_ContinuationReachesEveryEntryOnce()
    {
        var prefix = await PutAllAsync("1", "2", "3", "dir/a", "dir/b", "dir/c", "4");
        using var s3 = server.CreateClient();
        var keys = new List<string>();
        var commonPrefixes = new List<string>();
        var pages = 0;
        string? token = null;

        do
        {
            var page = await s3.ListObjectsV2Async(new ListObjectsV2Request
            {
                BucketName = LocalS3Server.Bucket, Prefix = prefix, Delimiter = "/", MaxKeys = 2, ContinuationToken = token,
            });
            keys.AddRange(page.S3Objects?.Select(o => o.Key) ?? []);
            commonPrefixes.AddRange(page.CommonPrefixes ?? []);
            (page.KeyCount ?? 0).ShouldBeLessThanOrEqualTo(2);
            token = page.IsTruncated == true ? page.NextContinuationToken : null;
            pages++;
        }
        while (token is not null);

        keys.ShouldBe([prefix + "1", prefix + "2", prefix + "3", prefix + "4"]);
        commonPrefixes.ShouldBe([prefix + "dir/"]);
        pages.ShouldBe(3);
    }

    [Fact]
    public async Task ListObjects_V1MarkerPaging_EveryKeyOnce()
    {
        var prefix = await PutAllAsync("a", "b", "c");
        using var s3 = server.CreateClient();

        var first = await s3.ListObjectsAsync(new ListObjectsRequest { BucketName = LocalS3Server.Bucket, Prefix = prefix, MaxKeys = 2 });
        var second = await s3.ListObjectsAsync(new ListObjectsRequest { BucketName = LocalS3Server.Bucket, Prefix = prefix, MaxKeys = 2, Marker = first.NextMarker });

        first.S3Objects.Select(o => o.Key).ShouldBe([prefix + "a", prefix + "b"]);
        first.IsTruncated.ShouldBe(true);
        second.S3Objects.Select(o => o.Key).ShouldBe([prefix + "c"]);
        second.IsTruncated.ShouldBe(false);
    }

    [Fact]
    public async Task ListObjectsV2_EncodingTypeUrl_KeysPercentEncoded()
    {
        var prefix = await PutAllAsync("my photo+1 ñ.png");
        var url = SignedByAnotherKey();
        using var http = new HttpClient();

        var xml = XDocument.Parse(await http.GetStringAsync(
            new Uri(url + $"&list-type=2&encoding-type=url&prefix={Uri.EscapeDataString(prefix)}")));

        var ns = xml.Root!.Name.Namespace;
        xml.Root.Element(ns + "EncodingType")!.Value.ShouldBe("url");
        var key = xml.Root.Element(ns + "Contents")!.Element(ns + "Key")!.Value;
        key.ShouldNotContain(" ");
        Uri.UnescapeDataString(key).ShouldBe(prefix + "my photo+1 ñ.png");
    }

    [Fact]
    public async Task ListObjectsV2_Unsigned_403AccessDenied()
    {
        using var http = new HttpClient();

        using var response = await http.GetAsync(new Uri($"{server.ServiceUrl}/{LocalS3Server.Bucket}?list-type=2"));

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await response.Content.ReadAsStringAsync()).ShouldContain("<Code>AccessDenied</Code>");
    }

    [Fact]
    public async Task ListObjectsV2_NotANumberOfKeys_400InvalidArgument()
    {
        var url = SignedByAnotherKey();
        using var http = new HttpClient();

        using var response = await http.GetAsync(new Uri(url + "&list-type=2&max-keys=many"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain("<Code>InvalidArgument</Code>");
    }

    [Fact]
    public async Task GetBucketAcl_NotPlayed_501NotImplementedNotAListing()
    {
        using var s3 = server.CreateClient();

        var refused = await Should.ThrowAsync<AmazonS3Exception>(() => s3.GetBucketAclAsync(new GetBucketAclRequest { BucketName = LocalS3Server.Bucket }));

        refused.StatusCode.ShouldBe(HttpStatusCode.NotImplemented);
        refused.ErrorCode.ShouldBe("NotImplemented");
    }

    [Fact]
    public async Task GetBucketLocation_UsEast1_EmptyConstraintAsS3Answers()
    {
        using var s3 = server.CreateClient();

        var location = await s3.GetBucketLocationAsync(new GetBucketLocationRequest { BucketName = LocalS3Server.Bucket });

        location.HttpStatusCode.ShouldBe(HttpStatusCode.OK);
        (location.Location?.Value ?? string.Empty).ShouldBe(string.Empty);
    }

    [Fact]
    public async Task GetBucketLocation_Unsigned_403AccessDenied()
    {
        using var http = new HttpClient();

        using var response = await http.GetAsync(new Uri($"{server.ServiceUrl}/{LocalS3Server.Bucket}?location"));

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public void Page_MaxKeysZero_EmptyAndNotTruncated()
    {
        var listed = new[] { new S3ObjectInfo(LocalS3Server.Bucket, "a", "image/png", "e", 1, DateTimeOffset.UnixEpoch, "a.data") };

        var page = S3ListObjects.Page(listed, new S3ListRequest(string.Empty, null, 0), after: null);

        page.Objects.ShouldBeEmpty();
        page.IsTruncated.ShouldBe(false);
    }

    [Fact]
    public void Compare_CharacterAboveUffffAgainstUe000_Utf8ByteOrder()
    {
        // U+1F600 is D83D DE00 in UTF-16, below U+E000 in ordinal order; its UTF-8 bytes (F0 …) sort after EE 80 80.
        string.CompareOrdinal("\U0001F600", "\uE000").ShouldBeLessThan(0);

        S3KeyOrder.Compare("\U0001F600", "\uE000").ShouldBeGreaterThan(0);
    }

    /// <summary>
    /// A presigned GET of the bucket signed with a key that is not the local one: such requests are accepted unverified
    /// (as the AWS CLI's are), so query parameters can be added to it.
    /// </summary>
    private string SignedByAnotherKey()
    {
        using var s3 = server.CreateClient(new SigV4KeyPair("AKIAANOTHERKEY", "another-secret"));
        return s3.GetPreSignedURL(new GetPreSignedUrlRequest
        {
            BucketName = LocalS3Server.Bucket, Verb = HttpVerb.GET, Expires = DateTime.UtcNow.AddMinutes(5), Protocol = Protocol.HTTP,
        });
    }

    /// <summary>Puts three bytes under each name below a fresh prefix; returns the prefix.</summary>
    private async Task<string> PutAllAsync(params string[] names)
    {
        var prefix = $"list/{Guid.NewGuid():N}/";
        using var s3 = server.CreateClient();
        foreach (var name in names)
        {
            await s3.PutObjectAsync(new PutObjectRequest { BucketName = LocalS3Server.Bucket, Key = prefix + name, ContentBody = "abc", ContentType = "image/png" });
        }
        return prefix;
    }
}
