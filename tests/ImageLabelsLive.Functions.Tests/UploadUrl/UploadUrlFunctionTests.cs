using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ImageLabelsLive.Core.Images;
using ImageLabelsLive.Core.Ports;
using ImageLabelsLive.Core.Uploads;
using ImageLabelsLive.Functions.UploadUrl;
using ImageLabelsLive.Testing.Fakes;
using NSubstitute;
using NSubstitute.ExceptionExtensions;

namespace ImageLabelsLive.Functions.Tests.UploadUrl;

public class UploadUrlFunctionTests
{
    private readonly InMemoryImageStore images = new();
    private readonly FakeTimeProvider clock = new(Samples.Start);

    private UploadUrlFunction Function(IImageStore? store = null) =>
        new(new CreateUploadHandler(store ?? images, new FixedSigner(), clock, TimeSpan.FromMinutes(5)));

    private static string Body(string feedId = Samples.FeedId, string fileName = "cat.png", string contentType = "image/png", long size = 1234) =>
        new JsonObject { ["feedId"] = feedId, ["fileName"] = fileName, ["contentType"] = contentType, ["size"] = size }.ToJsonString();

    private async Task<(int Status, JsonNode Body)> PostAsync(string? body, bool isBase64Encoded = false, IImageStore? store = null)
    {
        var response = await Function(store).HandleAsync(HttpEvents.ToHttpRequest(HttpEvents.PostUploads(body, isBase64Encoded)), default);
        response.Headers!["Content-Type"].ShouldStartWith("application/json");
        return (response.StatusCode, JsonNode.Parse(response.Body!)!);
    }

    [Fact]
    public async Task HandleAsync_ValidUpload_Returns201WithExactlyTheDesignedBody()
    {
        var (status, body) = await PostAsync(Body());

        status.ShouldBe(201);
        body.AsObject().Select(member => member.Key).ShouldBe(["imageId", "uploadUrl", "uploadHeaders", "expiresAt"]);
        var imageId = body["imageId"]!.GetValue<string>();
        ImageIds.IsValid(imageId).ShouldBeTrue(imageId);
        body["uploadUrl"]!.GetValue<string>().ShouldBe($"https://bucket.example/uploads/{Samples.FeedId}/{imageId}?type=image%2Fpng&expires={Samples.Start.AddMinutes(5).ToUnixTimeSeconds()}");
        JsonNode.DeepEquals(body["uploadHeaders"], JsonNode.Parse("""{"Content-Type":"image/png"}""")).ShouldBeTrue(body["uploadHeaders"]!.ToJsonString());
        body["expiresAt"]!.GetValue<string>().ShouldBe("2026-11-21T09:05:00.000Z");
    }

    [Fact]
    public async Task HandleAsync_ValidUpload_StoresUploadingRecordUnderTheReturnedId()
    {
        var (_, body) = await PostAsync(Body(fileName: "holiday\u202Egpj.png", contentType: "image/JPEG", size: 4096));

        var stored = images[body["imageId"]!.GetValue<string>()].ShouldNotBeNull();
        stored.Status.ShouldBe(ImageStatus.Uploading);
        stored.FeedId.ShouldBe(Samples.FeedId);
        stored.FileName.ShouldBe("holidaygpj.png");
        stored.ContentType.ShouldBe("image/jpeg");
        stored.Size.ShouldBe(4096);
        stored.CreatedAt.ShouldBe(Samples.Start);
        body["uploadHeaders"]!["Content-Type"]!.GetValue<string>().ShouldBe("image/jpeg");
    }

    [Theory]
    [InlineData("short", "image/png", 10L, "InvalidFeedId")]
    [InlineData(Samples.FeedId + "/..", "image/png", 10L, "InvalidFeedId")]
    [InlineData(Samples.FeedId, "image/gif", 10L, "UnsupportedContentType")]
    [InlineData(Samples.FeedId, "text/html", 10L, "UnsupportedContentType")]
    [InlineData(Samples.FeedId, "image/png", 0L, "EmptyFile")]
    [InlineData(Samples.FeedId, "image/png", -5L, "EmptyFile")]
    [InlineData(Samples.FeedId, "image/jpeg", 15L * 1024 * 1024 + 1, "TooLarge")]
    public async Task HandleAsync_InvalidUpload_Returns400WithItsCodeAndStoresNothing(string feedId, string contentType, long size, string code)
    {
        var (status, body) = await PostAsync(Body(feedId, "a.png", contentType, size));

        status.ShouldBe(400);
        body["error"]!["code"]!.GetValue<string>().ShouldBe(code);
        body["error"]!["message"]!.GetValue<string>().ShouldNotBeNullOrWhiteSpace();
        images.Writes.ShouldBeEmpty();
    }

    [Fact]
    public async Task HandleAsync_SizeMissing_Returns400InvalidSize()
    {
        var (status, body) = await PostAsync($$"""{"feedId":"{{Samples.FeedId}}","fileName":"a.png","contentType":"image/png"}""");

        status.ShouldBe(400);
        body["error"]!["code"]!.GetValue<string>().ShouldBe("InvalidSize");
    }

    [Theory]
    [InlineData("{")]
    [InlineData("not json at all")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("42")]
    [InlineData("""{"feedId":"AAAAAAAAAAAAAAAAAAAAAA","fileName":"a.png","contentType":"image/png","size":"abc"}""")]
    [InlineData("""{"feedId":"AAAAAAAAAAAAAAAAAAAAAA","fileName":"a.png","contentType":"image/png","size":1.5}""")]
    [InlineData("""{"feedId":"AAAAAAAAAAAAAAAAAAAAAA","fileName":"a.png","contentType":"image/png","size":99999999999999999999999}""")]
    [InlineData("""{"feedId":123,"fileName":"a.png","contentType":"image/png","size":10}""")]
    [InlineData("""{"feedId":"AAAAAAAAAAAAAAAAAAAAAA","fileName":{"a":1},"contentType":"image/png","size":10}""")]
    public async Task HandleAsync_MalformedBody_Returns400InvalidRequestWithoutDetail(string rawBody)
    {
        var (status, body) = await PostAsync(rawBody);

        status.ShouldBe(400);
        body["error"]!["code"]!.GetValue<string>().ShouldBe("InvalidRequest");
        body.ToJsonString().ShouldNotContain("Exception");
        body.ToJsonString().ShouldNotContain("   at ");
        images.Writes.ShouldBeEmpty();
    }

    [Fact]
    public async Task HandleAsync_NoBody_Returns400InvalidRequest()
    {
        var (status, body) = await PostAsync(null);

        status.ShouldBe(400);
        body["error"]!["code"]!.GetValue<string>().ShouldBe("InvalidRequest");
    }

    [Fact]
    public async Task HandleAsync_Base64EncodedJsonBody_IsDecodedAndAccepted()
    {
        var (status, body) = await PostAsync(Convert.ToBase64String(Encoding.UTF8.GetBytes(Body())), isBase64Encoded: true);

        status.ShouldBe(201);
        images[body["imageId"]!.GetValue<string>()].ShouldNotBeNull();
    }

    [Theory]
    [InlineData("Hello from Lambda")]
    [InlineData("%%%")]
    public async Task HandleAsync_Base64FlagWithInvalidBase64_Returns400InvalidRequest(string rawBody)
    {
        var (status, body) = await PostAsync(rawBody, isBase64Encoded: true);

        status.ShouldBe(400);
        body["error"]!["code"]!.GetValue<string>().ShouldBe("InvalidRequest");
    }

    [Fact]
    public async Task HandleAsync_Base64OfNonJson_Returns400InvalidRequest()
    {
        var (status, body) = await PostAsync(Convert.ToBase64String([0x89, 0x50, 0x4E, 0x47]), isBase64Encoded: true);

        status.ShouldBe(400);
        body["error"]!["code"]!.GetValue<string>().ShouldBe("InvalidRequest");
    }

    [Fact]
    public async Task HandleAsync_StoreThrows_Returns500InternalErrorWithoutExceptionText()
    {
        var store = Substitute.For<IImageStore>();
        store.CreateAsync(default!, default).ThrowsAsyncForAnyArgs(new InvalidOperationException("table ill-images is on fire at 10.0.0.7"));

        var (status, body) = await PostAsync(Body(), store: store);

        status.ShouldBe(500);
        body.AsObject().Select(member => member.Key).ShouldBe(["error"]);
        body["error"]!["code"]!.GetValue<string>().ShouldBe("InternalError");
        var text = body.ToJsonString();
        text.ShouldNotContain("on fire");
        text.ShouldNotContain("10.0.0.7");
        text.ShouldNotContain("InvalidOperationException");
        text.ShouldNotContain(" at ");
    }

    [Fact]
    public async Task HandleAsync_StreamEntryPoint_Writes201HttpApiResponse()
    {
        var response = await LambdaInvocation.InvokeAsync(Function().HandleAsync, HttpEvents.PostUploads(Body()));

        response["statusCode"]!.GetValue<int>().ShouldBe((int)HttpStatusCode.Created);
        response["isBase64Encoded"]!.GetValue<bool>().ShouldBeFalse();
        response["headers"]!["Content-Type"]!.GetValue<string>().ShouldBe("application/json; charset=utf-8");
        var body = LambdaInvocation.Body(response);
        images[body["imageId"]!.GetValue<string>()]!.Status.ShouldBe(ImageStatus.Uploading);
    }

    [Fact]
    public async Task HandleAsync_StreamEntryPointWrongTypes_Writes400InvalidRequest()
    {
        var lambdaEvent = HttpEvents.PostUploads("""{"feedId":"AAAAAAAAAAAAAAAAAAAAAA","fileName":"a.png","contentType":"image/png","size":"abc"}""");

        var response = await LambdaInvocation.InvokeAsync(Function().HandleAsync, lambdaEvent);

        response["statusCode"]!.GetValue<int>().ShouldBe(400);
        LambdaInvocation.Body(response)["error"]!["code"]!.GetValue<string>().ShouldBe("InvalidRequest");
    }

    [SharedFact]
    public async Task HandleAsync_SharedHttpApiEventWithItsOwnBody_Returns400InvalidRequest()
    {
        // AWS's sample says isBase64Encoded but carries "Hello from Lambda": not base64, not JSON.
        var response = await LambdaInvocation.InvokeAsync(Function().HandleAsync, LambdaInvocation.SharedEvent("aws-lambda-dotnet_http-api-v2-request.json"));

        response["statusCode"]!.GetValue<int>().ShouldBe(400);
        LambdaInvocation.Body(response)["error"]!["code"]!.GetValue<string>().ShouldBe("InvalidRequest");
        images.Writes.ShouldBeEmpty();
    }

    [SharedTheory]
    [InlineData("aws-lambda-dotnet_http-api-v2-request.json")]
    [InlineData("sam-cli_apigateway-http-api-v2.json")]
    [InlineData("powertools-python_apigw-http-api-v2.json")]
    [InlineData("aws-lambda-go_apigw-http-api-v2-no-authorizer.json")]
    public async Task HandleAsync_SharedHttpApiEventCarryingAnUpload_Returns201(string fileName)
    {
        var lambdaEvent = LambdaInvocation.SharedEvent(fileName);
        lambdaEvent["body"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(Body()));
        lambdaEvent["isBase64Encoded"] = true;

        var response = await LambdaInvocation.InvokeAsync(Function().HandleAsync, lambdaEvent);

        response["statusCode"]!.GetValue<int>().ShouldBe(201);
        images[LambdaInvocation.Body(response)["imageId"]!.GetValue<string>()].ShouldNotBeNull();
    }
}
