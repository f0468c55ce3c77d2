using System.Text.Json.Nodes;
using ImageLabelsLive.Core.Deletion;
using ImageLabelsLive.Core.Images;
using ImageLabelsLive.Functions.DeleteImage;
using ImageLabelsLive.Testing.Fakes;

namespace ImageLabelsLive.Functions.Tests.DeleteImage;

public class DeleteImageFunctionTests
{
    private readonly InMemoryImageStore images = new();

    private static Amazon.Lambda.APIGatewayEvents.APIGatewayHttpApiV2ProxyRequest Request(string method, string path, string routeKey, Dictionary<string, string> pathParameters, string? rawQuery = null) =>
        HttpEvents.HttpApiRequest(method, path, routeKey, pathParameters, rawQuery);

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
}
