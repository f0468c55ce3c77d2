using ImageLabelsLive.Core.Export;
using ImageLabelsLive.Core.Images;
using ImageLabelsLive.Functions.ExportFeed;
using ImageLabelsLive.Testing.Fakes;

namespace ImageLabelsLive.Functions.Tests.ExportFeed;

public class ExportFeedFunctionTests
{
    private static readonly Label Dog = new("Dog", 90, ["Animal"], []);
    private readonly InMemoryImageStore images = new();

    private static Amazon.Lambda.APIGatewayEvents.APIGatewayHttpApiV2ProxyRequest Request(string method, string path, string routeKey, Dictionary<string, string> pathParameters, string? rawQuery = null) =>
        HttpEvents.HttpApiRequest(method, path, routeKey, pathParameters, rawQuery);

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
