using System.Text.Json.Nodes;
using ImageLabelsLive.Core.FeedLabels;
using ImageLabelsLive.Core.Images;
using ImageLabelsLive.Functions.GetFeedLabels;
using ImageLabelsLive.Testing.Fakes;

namespace ImageLabelsLive.Functions.Tests.GetFeedLabels;

public class GetFeedLabelsFunctionTests
{
    private static readonly Label Dog = new("Dog", 90, ["Animal"], []);
    private readonly InMemoryImageStore images = new();

    private static Amazon.Lambda.APIGatewayEvents.APIGatewayHttpApiV2ProxyRequest Request(string method, string path, string routeKey, Dictionary<string, string> pathParameters, string? rawQuery = null) =>
        HttpEvents.HttpApiRequest(method, path, routeKey, pathParameters, rawQuery);

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
}
