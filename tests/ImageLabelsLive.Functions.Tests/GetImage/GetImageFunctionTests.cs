using System.Text.Json.Nodes;
using ImageLabelsLive.Core.Feeds;
using ImageLabelsLive.Core.Images;
using ImageLabelsLive.Core.Ports;
using ImageLabelsLive.Functions.GetImage;
using ImageLabelsLive.Testing.Fakes;
using NSubstitute;
using NSubstitute.ExceptionExtensions;

namespace ImageLabelsLive.Functions.Tests.GetImage;

public class GetImageFunctionTests
{
    private readonly InMemoryImageStore images = new();

    private GetImageFunction Function(IImageStore? store = null) => new(new GetImageHandler(store ?? images));

    private static JsonObject Request(string? imageId) => HttpEvents.HttpApi(
        "GET",
        $"/images/{imageId}",
        "GET /images/{imageId}",
        pathParameters: imageId is null ? null : new Dictionary<string, string> { ["imageId"] = imageId });

    private async Task<(int Status, JsonNode Body)> GetAsync(string? imageId, IImageStore? store = null)
    {
        var response = await Function(store).HandleAsync(HttpEvents.ToHttpRequest(Request(imageId)), default);
        return (response.StatusCode, JsonNode.Parse(response.Body!)!);
    }

    [Fact]
    public async Task HandleAsync_LabeledImage_Returns200WithTheRecordAndItsLabels()
    {
        var record = Samples.Record(ImageStatus.Labeled) with { Labels = [Samples.Cat], UpdatedAt = Samples.Start.AddSeconds(3) };
        await images.CreateAsync(record, default);

        var (status, body) = await GetAsync(record.ImageId);

        status.ShouldBe(200);
        body["imageId"]!.GetValue<string>().ShouldBe(record.ImageId);
        body["status"]!.GetValue<string>().ShouldBe("labeled");
        body["updatedAt"]!.GetValue<string>().ShouldBe("2026-11-21T09:00:03.000Z");
        JsonNode.DeepEquals(body["labels"], JsonNode.Parse("""
            [{"name":"Cat","confidence":91.5,"parents":["Pet","Animal","Mammal"],"categories":[],"aliases":[],
              "instances":[{"confidence":91.5,"boundingBox":{"left":0.1,"top":0.2,"width":0.5,"height":0.6}}]}]
            """)).ShouldBeTrue(body["labels"]!.ToJsonString());
        body.AsObject().ContainsKey("error").ShouldBeTrue();
        body["error"].ShouldBeNull();
    }

    [Fact]
    public async Task HandleAsync_FailedImage_Returns200WithTheError()
    {
        var record = Samples.Record(ImageStatus.Failed) with { Error = new ImageError("NotAnImage", "\"cat.png\" is not a JPEG or PNG image.") };
        await images.CreateAsync(record, default);

        var (status, body) = await GetAsync(record.ImageId);

        status.ShouldBe(200);
        JsonNode.DeepEquals(body["error"], JsonNode.Parse("""{"code":"NotAnImage","message":"\"cat.png\" is not a JPEG or PNG image."}""")).ShouldBeTrue();
    }

    [Theory]
    [InlineData("0192f1e0c0de7000a000000000000000")]
    [InlineData("../../etc/passwd")]
    [InlineData("")]
    [InlineData("0192F1E0C0DE7000A000000000000000")]
    public async Task HandleAsync_UnknownOrMalformedId_Returns404ImageNotFound(string imageId)
    {
        var (status, body) = await GetAsync(imageId);

        status.ShouldBe(404);
        body["error"]!["code"]!.GetValue<string>().ShouldBe("ImageNotFound");
        body["error"]!["message"]!.GetValue<string>().ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public async Task HandleAsync_NoPathParameters_Returns404ImageNotFound()
    {
        var (status, body) = await GetAsync(imageId: null);

        status.ShouldBe(404);
        body["error"]!["code"]!.GetValue<string>().ShouldBe("ImageNotFound");
    }

    [Fact]
    public async Task HandleAsync_StoreThrows_Returns500InternalErrorWithoutDetail()
    {
        var store = Substitute.For<IImageStore>();
        store.GetAsync(default!, default).ThrowsAsyncForAnyArgs(new HttpRequestException("connection reset by 10.1.2.3"));

        var (status, body) = await GetAsync(ImageIds.New(), store);

        status.ShouldBe(500);
        body["error"]!["code"]!.GetValue<string>().ShouldBe("InternalError");
        body.ToJsonString().ShouldNotContain("10.1.2.3");
    }

    [Fact]
    public async Task HandleAsync_StreamEntryPoint_Writes200AndThen404()
    {
        var record = Samples.Record();
        await images.CreateAsync(record, default);

        var found = await LambdaInvocation.InvokeAsync(Function().HandleAsync, Request(record.ImageId));
        var missing = await LambdaInvocation.InvokeAsync(Function().HandleAsync, Request(ImageIds.New()));

        found["statusCode"]!.GetValue<int>().ShouldBe(200);
        LambdaInvocation.Body(found)["fileName"]!.GetValue<string>().ShouldBe("cat.png");
        missing["statusCode"]!.GetValue<int>().ShouldBe(404);
    }
}
