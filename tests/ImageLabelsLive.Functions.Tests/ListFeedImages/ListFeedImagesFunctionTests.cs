using System.Text.Json.Nodes;
using ImageLabelsLive.Core.Feeds;
using ImageLabelsLive.Core.Images;
using ImageLabelsLive.Core.Ports;
using ImageLabelsLive.Functions.ListFeedImages;
using ImageLabelsLive.Testing.Fakes;
using NSubstitute;
using NSubstitute.ExceptionExtensions;

namespace ImageLabelsLive.Functions.Tests.ListFeedImages;

public class ListFeedImagesFunctionTests
{
    private static readonly Label Dog = new("Dog", 90, ["Animal"], []);
    private readonly InMemoryImageStore images = new();

    private ListFeedImagesFunction Function(IFeedQueries? feeds = null) => new(new ListFeedImagesHandler(feeds ?? new InMemoryFeedQueries(images)));

    private static JsonObject Request(string? feedId, string? limit = null) => HttpEvents.HttpApi(
        "GET",
        $"/feeds/{feedId}/images",
        "GET /feeds/{feedId}/images",
        pathParameters: feedId is null ? null : new Dictionary<string, string> { ["feedId"] = feedId },
        query: limit is null ? null : new Dictionary<string, string> { ["limit"] = limit });

    private static Amazon.Lambda.APIGatewayEvents.APIGatewayHttpApiV2ProxyRequest QueryRequest(string method, string path, string routeKey, Dictionary<string, string> pathParameters, string? rawQuery = null) =>
        HttpEvents.HttpApiRequest(method, path, routeKey, pathParameters, rawQuery);

    private async Task<(int Status, JsonNode Body)> GetAsync(JsonObject request, IFeedQueries? store = null)
    {
        var response = await Function(store).HandleAsync(HttpEvents.ToHttpRequest(request), default);
        return (response.StatusCode, JsonNode.Parse(response.Body!)!);
    }

    private async Task<ImageRecord> AddAsync(string feedId, int minutesAfterStart)
    {
        var at = Samples.Start.AddMinutes(minutesAfterStart);
        var record = Samples.Record(feedId: feedId) with { CreatedAt = at, UpdatedAt = at };
        await images.CreateAsync(record, default);
        return record;
    }

    [Fact]
    public async Task HandleAsync_FeedWithImages_Returns200NewestFirstWithinLimitAndOnlyThatFeed()
    {
        await AddAsync(Samples.FeedId, 1);
        var newest = await AddAsync(Samples.FeedId, 3);
        var middle = await AddAsync(Samples.FeedId, 2);
        await AddAsync(Samples.OtherFeedId, 9);

        var (status, body) = await GetAsync(Request(Samples.FeedId, "2"));

        status.ShouldBe(200);
        body.AsObject().Select(member => member.Key).ShouldBe(["images", "nextCursor"]);
        body["images"]!.AsArray().Select(image => image!["imageId"]!.GetValue<string>()).ShouldBe([newest.ImageId, middle.ImageId]);
    }

    [Fact]
    public async Task HandleAsync_ImagesInBody_HaveTheImageRecordShape()
    {
        var record = await AddAsync(Samples.FeedId, 0);

        var (_, body) = await GetAsync(Request(Samples.FeedId));

        var image = body["images"]![0]!.AsObject();
        image.Select(member => member.Key).ShouldBe(["imageId", "feedId", "fileName", "contentType", "size", "status", "labels", "faces", "text", "moderation", "imageProperties", "analyses", "error", "createdAt", "updatedAt", "imageUrl"]);
        image["status"]!.GetValue<string>().ShouldBe("uploading");
        image["error"].ShouldBeNull();
        image["createdAt"]!.GetValue<string>().ShouldBe("2026-11-21T09:00:00.000Z");
        image["size"]!.GetValue<long>().ShouldBe(record.Size);
    }

    [Fact]
    public async Task HandleAsync_NoLimit_ReturnsTheDefault50()
    {
        for (var i = 0; i < 55; i++)
        {
            await AddAsync(Samples.FeedId, i);
        }

        var (status, body) = await GetAsync(Request(Samples.FeedId));

        status.ShouldBe(200);
        body["images"]!.AsArray().Count.ShouldBe(ListFeedImagesHandler.DefaultLimit);
    }

    [Fact]
    public async Task HandleAsync_EmptyFeed_Returns200WithEmptyList()
    {
        var (status, body) = await GetAsync(Request(Samples.FeedId, "100"));

        status.ShouldBe(200);
        body["images"]!.AsArray().ShouldBeEmpty();
    }

    [Theory]
    [InlineData("short")]
    [InlineData("AAAAAAAAAAAAAAAA AAAAA")]
    [InlineData("AAAAAAAAAAAAAAAA%2FAAAA")]
    public async Task HandleAsync_InvalidFeedId_Returns400InvalidFeedId(string feedId)
    {
        var (status, body) = await GetAsync(Request(feedId));

        status.ShouldBe(400);
        body["error"]!["code"]!.GetValue<string>().ShouldBe("InvalidFeedId");
    }

    [Theory]
    [InlineData("0")]
    [InlineData("101")]
    [InlineData("-1")]
    [InlineData("abc")]
    [InlineData("")]
    [InlineData("1.5")]
    [InlineData("10,20")]
    public async Task HandleAsync_InvalidLimit_Returns400InvalidLimit(string limit)
    {
        var (status, body) = await GetAsync(Request(Samples.FeedId, limit));

        status.ShouldBe(400);
        body["error"]!["code"]!.GetValue<string>().ShouldBe("InvalidLimit");
        body["error"]!["message"]!.GetValue<string>().ShouldContain("100");
    }

    [Fact]
    public async Task HandleAsync_NoPathParameters_Returns400InvalidFeedId()
    {
        var (status, body) = await GetAsync(Request(feedId: null));

        status.ShouldBe(400);
        body["error"]!["code"]!.GetValue<string>().ShouldBe("InvalidFeedId");
    }

    [Fact]
    public async Task HandleAsync_StoreThrows_Returns500InternalErrorWithoutDetail()
    {
        var store = Substitute.For<IFeedQueries>();
        store.ListAsync(default!, default, default, default).ThrowsAsyncForAnyArgs(new TimeoutException("dynamodb.eu-west-1 timed out"));

        var (status, body) = await GetAsync(Request(Samples.FeedId), store);

        status.ShouldBe(500);
        body["error"]!["code"]!.GetValue<string>().ShouldBe("InternalError");
        body.ToJsonString().ShouldNotContain("timed out");
    }

    [Fact]
    public async Task HandleAsync_StreamEntryPoint_Writes200WithImages()
    {
        var record = await AddAsync(Samples.FeedId, 0);

        var response = await LambdaInvocation.InvokeAsync(Function().HandleAsync, Request(Samples.FeedId, "10"));

        response["statusCode"]!.GetValue<int>().ShouldBe(200);
        LambdaInvocation.Body(response)["images"]![0]!["imageId"]!.GetValue<string>().ShouldBe(record.ImageId);
    }

    [Fact]
    public async Task ListFeedImages_RepeatedLabelParameters_FiltersByEveryLabel()
    {
        var both = Samples.Record(ImageStatus.Labeled) with { Labels = [Dog, new Label("Person", 80, [], [])] };
        await images.CreateAsync(both, default);
        await images.CreateAsync(Samples.Record(ImageStatus.Labeled) with { Labels = [Dog] }, default);
        var function = new ListFeedImagesFunction(new ListFeedImagesHandler(new InMemoryFeedQueries(images)));

        var response = await function.HandleAsync(QueryRequest("GET", $"/feeds/{Samples.FeedId}/images", "GET /feeds/{feedId}/images",
            new() { ["feedId"] = Samples.FeedId }, "label=dog&label=Person"), default);

        response.StatusCode.ShouldBe(200);
        var body = JsonNode.Parse(response.Body!)!;
        body["images"]!.AsArray().ShouldHaveSingleItem()!["imageId"]!.GetValue<string>().ShouldBe(both.ImageId);
        body["nextCursor"].ShouldBeNull();
    }

    [Fact]
    public async Task ListFeedImages_MalformedCursor_Returns400InvalidCursor()
    {
        var function = new ListFeedImagesFunction(new ListFeedImagesHandler(new InMemoryFeedQueries(images)));

        var response = await function.HandleAsync(QueryRequest("GET", $"/feeds/{Samples.FeedId}/images", "GET /feeds/{feedId}/images",
            new() { ["feedId"] = Samples.FeedId }, "cursor=abc"), default);

        response.StatusCode.ShouldBe(400);
        JsonNode.Parse(response.Body!)!["error"]!["code"]!.GetValue<string>().ShouldBe("InvalidCursor");
    }
}
