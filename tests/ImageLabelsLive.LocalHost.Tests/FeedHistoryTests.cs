using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using ImageLabelsLive.Aws.DynamoDb;
using ImageLabelsLive.Core.Images;

namespace ImageLabelsLive.LocalHost.Tests;

/// <summary>
/// A 130-image feed on the real local stack: the records are written through the local DynamoDB endpoint (so the
/// host's stream feeds IndexFeed, PushResults and NotifyResults as on AWS) instead of through the detector, which
/// would take about 40 s. Every page, filter and count is checked against the full listing.
/// </summary>
[Collection(SharedLocalApp.Name)]
public sealed class FeedHistoryTests(LocalAppFixture stack) : IAsyncLifetime
{
    private const int FeedSize = 130;
    private static readonly DateTimeOffset Start = new(2026, 11, 1, 8, 0, 0, TimeSpan.Zero);

    private readonly AppClient client = new(stack);
    private readonly string feedId = AppClient.NewFeedId();
    private List<ImageRecord> seeded = [];

    private static List<Label> LabelsFor(int i)
    {
        var labels = new List<Label>();
        if (i % 7 == 0)
        {
            labels.Add(new Label("Dog", 80 + i % 10, ["Pet", "Animal", "Mammal"], [new LabelInstance(80, new BoundingBox(0.1, 0.1, 0.3, 0.3))]));
        }
        if (i % 2 == 0)
        {
            labels.Add(new Label("Person", 90.26, [], []));
        }
        if (i % 5 == 0)
        {
            labels.Add(new Label("Cat", 71.04, ["Pet", "Animal"], []));
        }
        return labels;
    }

    public async Task InitializeAsync()
    {
        using var dynamoDb = DynamoDb();
        for (var i = 0; i < FeedSize; i++)
        {
            // Every third pair shares a createdAt, so the imageId tie-break is exercised.
            var at = Start.AddSeconds(i - i % 2 * (i % 3 == 0 ? 1 : 0));
            var status = i % 11 == 3 ? ImageStatus.Failed : i % 13 == 4 ? ImageStatus.Uploading : ImageStatus.Labeled;
            var record = new ImageRecord
            {
                ImageId = ImageIds.New(),
                FeedId = feedId,
                FileName = i == 1 ? "comma, \"quoted\".png" : $"photo-{i:000}.png",
                ContentType = "image/png",
                Size = 1000 + i,
                Status = status,
                Labels = status == ImageStatus.Labeled ? LabelsFor(i) : [],
                Error = status == ImageStatus.Failed ? new ImageError("NotAnImage", "Not an image.") : null,
                CreatedAt = at,
                UpdatedAt = at.AddSeconds(1),
            };
            var item = ImageItems.ToItem(record);
            // Marked as emailed already: 130 seeded results need no mail.
            item[ImageItems.NotifiedAt] = new AttributeValue { S = "2026-11-01T08:00:00.000Z" };
            await dynamoDb.PutItemAsync(new PutItemRequest { TableName = stack.Endpoints.ImagesTable, Item = item });
            seeded.Add(record);
        }
        // The index follows the table through the stream.
        await AppClient.EventuallyAsync(async () => (await LabelsAsync()).GetProperty("images").GetInt64() == FeedSize, TimeSpan.FromSeconds(60));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private AmazonDynamoDBClient DynamoDb() => new(
        new BasicAWSCredentials("test", "test"),
        new AmazonDynamoDBConfig { ServiceURL = stack.Endpoints.Dynamodb, AuthenticationRegion = stack.Endpoints.Region });

    private async Task<JsonElement> LabelsAsync() => await stack.Http.GetFromJsonAsync<JsonElement>(stack.Api($"feeds/{feedId}/labels"));

    private async Task<(HttpStatusCode Status, JsonElement Body)> GetAsync(string pathAndQuery)
    {
        using var response = await stack.Http.GetAsync(stack.Api(pathAndQuery));
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    private async Task<List<string>> AllPagesAsync(string query, int limit)
    {
        var ids = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var (status, body) = await GetAsync($"feeds/{feedId}/images?limit={limit}{query}" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor)));
            status.ShouldBe(HttpStatusCode.OK, body.ToString());
            var page = body.GetProperty("images").EnumerateArray().Select(image => image.GetProperty("imageId").GetString()!).ToArray();
            page.Length.ShouldBeLessThanOrEqualTo(limit);
            ids.AddRange(page);
            cursor = body.GetProperty("nextCursor").GetString();
            (++pages).ShouldBeLessThan(200);
        }
        while (cursor is not null);
        return ids;
    }

    private static IEnumerable<ImageRecord> Newest(IEnumerable<ImageRecord> records) =>
        records.OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.ImageId, StringComparer.Ordinal);

    [Fact]
    public async Task Listing_130ImagesInPagesOf50_IsEveryImageOnceNewestFirst()
    {
        var ids = await AllPagesAsync("", 50);

        ids.ShouldBe(Newest(seeded).Select(r => r.ImageId).ToArray());
    }

    [Theory]
    [InlineData("Dog")]
    [InlineData("person")]
    [InlineData("Dog", "Person")]
    [InlineData("CAT", "dog", "Person")]
    [InlineData("Giraffe")]
    public async Task Listing_LabelFilterInPagesOf7_IsExactlyTheImagesCarryingEveryLabel(params string[] labels)
    {
        var ids = await AllPagesAsync(string.Concat(labels.Select(label => "&label=" + label)), 7);

        var expected = Newest(seeded.Where(r => r.Status == ImageStatus.Labeled
            && labels.All(label => r.Labels.Any(l => string.Equals(l.Name, label, StringComparison.OrdinalIgnoreCase)))));
        ids.ShouldBe(expected.Select(r => r.ImageId).ToArray());
    }

    [Fact]
    public async Task Labels_Counts_MatchTheFullListingMostFirst()
    {
        var body = await LabelsAsync();

        var expected = seeded.Where(r => r.Status == ImageStatus.Labeled).SelectMany(r => r.Labels).GroupBy(l => l.Name)
            .Select(g => (g.Key, (long)g.Count())).OrderByDescending(p => p.Item2).ToArray();
        body.GetProperty("labels").EnumerateArray().Select(l => (l.GetProperty("name").GetString()!, l.GetProperty("count").GetInt64())).ToArray().ShouldBe(expected);
        body.GetProperty("images").GetInt64().ShouldBe(FeedSize);
    }

    [Fact]
    public async Task Labels_IndexedThrough_ReachesTheNewestChangeOfTheFeed()
    {
        var newest = seeded.Max(r => r.UpdatedAt);

        // The mark is the indexer's last write for each record, so it may trail the count it waited for (by seconds on a
        // loaded machine). It may also pass the seeded times: the sweeper fails the seeded uploads that never finished.
        await AppClient.EventuallyAsync(
            async () => (await LabelsAsync()).GetProperty("indexedThrough").GetString() is { } at
                && DateTimeOffset.Parse(at, CultureInfo.InvariantCulture) >= newest,
            TimeSpan.FromSeconds(90));
    }

    [Fact]
    public async Task Export_Csv_IsADownloadWithOneRowPerImageAndLabel()
    {
        using var response = await stack.Http.GetAsync(stack.Api($"feeds/{feedId}/export?format=csv"));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.RequestMessage!.RequestUri!.AbsolutePath.ShouldContain("/exports/");
        response.Content.Headers.ContentDisposition!.DispositionType.ShouldBe("attachment");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        bytes.Take(3).ShouldNotBe(new byte[] { 0xEF, 0xBB, 0xBF });
        var text = Encoding.UTF8.GetString(bytes);
        var rows = text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        rows[0].ShouldBe("imageId,fileName,status,label,confidence,parents,instances,createdAt,updatedAt");
        rows.Length.ShouldBe(1 + seeded.Sum(r => Math.Max(1, r.Labels.Count)));
        text.ShouldContain("\"comma, \"\"quoted\"\".png\"");
        text.ShouldContain(",Dog,");
        text.ShouldContain(",Pet|Animal|Mammal,1,");
        text.ShouldContain(",Person,90.3,,0,");
    }

    [Fact]
    public async Task Export_Json_HasEveryRecord()
    {
        using var response = await stack.Http.GetAsync(stack.Api($"feeds/{feedId}/export?format=json"));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        body.GetProperty("feedId").GetString().ShouldBe(feedId);
        body.GetProperty("images").GetArrayLength().ShouldBe(FeedSize);
    }

    [Theory]
    [InlineData("?cursor=bogus", "InvalidCursor")]
    [InlineData("?changedSince=yesterday", "InvalidChangedSince")]
    [InlineData("?label=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "InvalidLabel")]
    [InlineData("?label=a&label=b&label=c&label=d&label=e&label=f&label=g&label=h&label=i&label=j&label=k", "TooManyLabels")]
    public async Task Listing_BadInput_Is400WithACode(string query, string code)
    {
        var (status, body) = await GetAsync($"feeds/{feedId}/images{query}");

        status.ShouldBe(HttpStatusCode.BadRequest);
        body.GetProperty("error").GetProperty("code").GetString().ShouldBe(code);
    }

    [Fact]
    public async Task Delete_LabeledImage_IsPushedAsDeletedUncountedAndCaughtUpByChangedSince()
    {
        var victim = seeded.First(r => r.Status == ImageStatus.Labeled && r.Labels.Any(l => l.Name == "Dog"));
        var dogsBefore = (await LabelsAsync()).GetProperty("labels").EnumerateArray().Single(l => l.GetProperty("name").GetString() == "Dog").GetProperty("count").GetInt64();
        await using var socket = await client.OpenFeedAsync(feedId);
        await AppClient.EventuallyAsync(async () => (await client.ConnectionIdsOfFeedAsync(feedId)).Count > 0);
        var before = DateTimeOffset.UtcNow.AddSeconds(-5);

        using var other = await stack.Http.DeleteAsync(stack.Api($"feeds/{AppClient.NewFeedId()}/images/{victim.ImageId}"));
        using var delete = await stack.Http.DeleteAsync(stack.Api($"feeds/{feedId}/images/{victim.ImageId}"));

        other.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        delete.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var pushed = await socket.WaitForAsync(FeedSocket.ImageStatus(victim.ImageId, "deleted"), TimeSpan.FromSeconds(30));
        pushed.GetProperty("image").GetProperty("labels").GetArrayLength().ShouldBe(0);
        await AppClient.EventuallyAsync(async () =>
            (await LabelsAsync()).GetProperty("labels").EnumerateArray().Single(l => l.GetProperty("name").GetString() == "Dog").GetProperty("count").GetInt64() == dogsBefore - 1);
        (await GetAsync($"images/{victim.ImageId}")).Status.ShouldBe(HttpStatusCode.NotFound);
        (await AllPagesAsync("&label=Dog", 50)).ShouldNotContain(victim.ImageId);
        var since = Uri.EscapeDataString(before.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
        await AppClient.EventuallyAsync(async () => (await AllPagesAsync($"&changedSince={since}", 10)).Contains(victim.ImageId));
        (await stack.Http.DeleteAsync(stack.Api($"feeds/{feedId}/images/{victim.ImageId}"))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Upload_SameBytesTwice_SecondIsDuplicateOfAndWrongBytesAreRefusedByS3()
    {
        var feed = AppClient.NewFeedId();
        var bytes = TestImages.GradientPng(88, 80);
        var sha256 = Convert.ToBase64String(SHA256.HashData(bytes));
        var request = new { feedId = feed, fileName = "gradient.png", contentType = "image/png", size = bytes.Length, sha256 };

        using var first = await stack.Http.PostAsJsonAsync(stack.Api("uploads"), request);
        first.StatusCode.ShouldBe(HttpStatusCode.Created);
        var ticket = await first.Content.ReadFromJsonAsync<JsonElement>();
        ticket.GetProperty("uploadHeaders").GetProperty("x-amz-checksum-sha256").GetString().ShouldBe(sha256);
        var url = new Uri(ticket.GetProperty("uploadUrl").GetString()!);

        var swapped = (byte[])bytes.Clone();
        swapped[^5] ^= 0xFF;
        using var bad = await PutAsync(url, swapped, sha256);
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await bad.Content.ReadAsStringAsync()).ShouldContain("<Code>BadDigest</Code>");
        using var good = await PutAsync(url, bytes, sha256);
        good.StatusCode.ShouldBe(HttpStatusCode.OK, await good.Content.ReadAsStringAsync());

        var imageId = ticket.GetProperty("imageId").GetString()!;
        // The checksum lookup is indexed from the stream; IndexFeed writes the change log last, so once the image is in
        // changedSince the checksum is indexed too (without waiting for the detector).
        await AppClient.EventuallyAsync(async () =>
        {
            var (_, changes) = await GetAsync($"feeds/{feed}/images?changedSince=2000-01-01T00:00:00.000Z");
            return changes.GetProperty("images").EnumerateArray().Any(image => image.GetProperty("imageId").GetString() == imageId);
        });
        using var again = await stack.Http.PostAsJsonAsync(stack.Api("uploads"), request);
        again.StatusCode.ShouldBe(HttpStatusCode.OK);
        var duplicate = await again.Content.ReadFromJsonAsync<JsonElement>();
        duplicate.GetProperty("duplicateOf").GetString().ShouldBe(imageId);
        duplicate.GetProperty("image").GetProperty("imageId").GetString().ShouldBe(imageId);
        (await client.ListFeedAsync(feed)).GetArrayLength().ShouldBe(1);

        using var wrong = await stack.Http.PostAsJsonAsync(stack.Api("uploads"), request with { sha256 = "abc" });
        wrong.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await wrong.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetProperty("code").GetString().ShouldBe("InvalidChecksum");
    }

    private async Task<HttpResponseMessage> PutAsync(Uri url, byte[] bytes, string sha256)
    {
        using var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("image/png");
        using var put = new HttpRequestMessage(HttpMethod.Put, url) { Content = content };
        put.Headers.TryAddWithoutValidation("x-amz-checksum-sha256", sha256);
        return await stack.Http.SendAsync(put);
    }
}
