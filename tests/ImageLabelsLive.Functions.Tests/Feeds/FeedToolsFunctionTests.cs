using System.Text.Json.Nodes;
using ImageLabelsLive.Core.Deletion;
using ImageLabelsLive.Core.Export;
using ImageLabelsLive.Core.FeedLabels;
using ImageLabelsLive.Core.Feeds;
using ImageLabelsLive.Core.Images;
using ImageLabelsLive.Functions.DeleteImage;
using ImageLabelsLive.Functions.ExportFeed;
using ImageLabelsLive.Functions.GetFeedLabels;
using ImageLabelsLive.Functions.ListFeedImages;
using ImageLabelsLive.Functions.Tests.Support;
using ImageLabelsLive.Testing.Fakes;

namespace ImageLabelsLive.Functions.Tests.Feeds;

public class FeedToolsFunctionTests
{
    private static readonly Label Dog = new("Dog", 90, ["Animal"], []);
    private readonly InMemoryImageStore images = new();

    private static Amazon.Lambda.APIGatewayEvents.APIGatewayHttpApiV2ProxyRequest Request(string method, string path, string routeKey, Dictionary<string, string> pathParameters, string? rawQuery = null)
    {
        var json = HttpEvents.HttpApi(method, path, routeKey, pathParameters: pathParameters);
        if (rawQuery is not null)
        {
            json["rawQueryString"] = rawQuery;
            var query = new JsonObject();
            foreach (var group in rawQuery.Split('&').Select(pair => pair.Split('=', 2)).GroupBy(pair => pair[0]))
            {
                query[group.Key] = string.Join(',', group.Select(pair => Uri.UnescapeDataString(pair[1])));
            }
            json["queryStringParameters"] = query;
        }
        return HttpEvents.ToHttpRequest(json);
    }

    [Fact]
    public async Task ListFeedImages_RepeatedLabelParameters_FiltersByEveryLabel()
    {
        var both = Samples.Record(ImageStatus.Labeled) with { Labels = [Dog, new Label("Person", 80, [], [])] };
        await images.CreateAsync(both, default);
        await images.CreateAsync(Samples.Record(ImageStatus.Labeled) with { Labels = [Dog] }, default);
        var function = new ListFeedImagesFunction(new ListFeedImagesHandler(new InMemoryFeedQueries(images)));

        var response = await function.HandleAsync(Request("GET", $"/feeds/{Samples.FeedId}/images", "GET /feeds/{feedId}/images",
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

        var response = await function.HandleAsync(Request("GET", $"/feeds/{Samples.FeedId}/images", "GET /feeds/{feedId}/images",
            new() { ["feedId"] = Samples.FeedId }, "cursor=abc"), default);

        response.StatusCode.ShouldBe(400);
        JsonNode.Parse(response.Body!)!["error"]!["code"]!.GetValue<string>().ShouldBe("InvalidCursor");
    }

    [Fact]
    public async Task GetFeedLabels_LabeledImages_Returns200CountsMostFirstAndImages()
    {
        await images.CreateAsync(Samples.Record(ImageStatus.Labeled) with { Labels = [Dog, Samples.Cat] }, default);
        await images.CreateAsync(Samples.Record(ImageStatus.Labeled) with { Labels = [Dog] }, default);
        await images.CreateAsync(Samples.Record(), default);
        var function = new GetFeedLabelsFunction(new GetFeedLabelsHandler(new InMemoryFeedQueries(images)));

        var response = await function.HandleAsync(Request("GET", $"/feeds/{Samples.FeedId}/labels", "GET /feeds/{feedId}/labels", new() { ["feedId"] = Samples.FeedId }), default);

        response.StatusCode.ShouldBe(200);
        JsonNode.Parse(response.Body!)!.ToJsonString().ShouldBe("""{"labels":[{"name":"Dog","count":2},{"name":"Cat","count":1}],"images":3,"indexedThrough":"2026-11-21T09:00:00.000Z"}""");
    }

    [Fact]
    public async Task DeleteImage_ImageOfTheFeed_Returns204ThenTheSecondTime404()
    {
        var record = Samples.Record(ImageStatus.Labeled);
        await images.CreateAsync(record, default);
        var function = new DeleteImageFunction(new DeleteImageHandler(images, new InMemoryStoredObjects(), TimeProvider.System));
        var request = Request("DELETE", $"/feeds/{Samples.FeedId}/images/{record.ImageId}", "DELETE /feeds/{feedId}/images/{imageId}",
            new() { ["feedId"] = Samples.FeedId, ["imageId"] = record.ImageId });

        var first = await function.HandleAsync(request, default);
        var second = await function.HandleAsync(request, default);

        first.StatusCode.ShouldBe(204);
        second.StatusCode.ShouldBe(404);
        JsonNode.Parse(second.Body!)!["error"]!["code"]!.GetValue<string>().ShouldBe("ImageNotFound");
    }

    [Fact]
    public async Task ExportFeed_Csv_Returns303ToTheStoredExport()
    {
        await images.CreateAsync(Samples.Record(ImageStatus.Labeled) with { Labels = [Dog] }, default);
        var objects = new InMemoryStoredObjects();
        var function = new ExportFeedFunction(new ExportFeedHandler(new InMemoryFeedQueries(images), objects, TimeProvider.System));

        var response = await function.HandleAsync(Request("GET", $"/feeds/{Samples.FeedId}/export", "GET /feeds/{feedId}/export",
            new() { ["feedId"] = Samples.FeedId }, "format=csv"), default);

        response.StatusCode.ShouldBe(303);
        response.Headers!["Location"].ShouldContain("exports/" + Samples.FeedId);
        objects.Exports.ShouldHaveSingleItem();
    }
}
