using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace ImageLabelsLive.LocalHost.Tests;

/// <summary>What the host itself answers: health, its endpoints, the page's config, and the API's errors.</summary>
[Collection(SharedLocalApp.Name)]
public sealed class HostTests(LocalAppFixture stack)
{
    [Fact]
    public async Task Health_AllPartsUp_Is200WithEachPart()
    {
        using var response = await stack.Http.GetAsync(new Uri(stack.BaseUrl, "health"));
        var report = await response.Content.ReadFromJsonAsync<JsonElement>();

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        report.GetProperty("status").GetString().ShouldBe("ok");
        var parts = report.GetProperty("parts").EnumerateObject().Select(part => part.Name).ToArray();
        parts.ShouldContain("dynalite");
        parts.ShouldContain("maildev");
        parts.ShouldContain("detector");
    }

    [Fact]
    public async Task ConfigJson_IsTheDocumentedShape()
    {
        var config = await stack.Http.GetFromJsonAsync<JsonElement>(new Uri(stack.BaseUrl, "config.json"));

        config.GetProperty("apiUrl").GetString().ShouldBe($"http://{stack.BaseUrl.Authority}/api");
        config.GetProperty("webSocketUrl").GetString().ShouldBe($"ws://{stack.BaseUrl.Authority}/ws");
        config.GetProperty("mailboxUrl").GetString().ShouldBe(stack.Endpoints.Mailbox);
    }

    [Fact]
    public async Task LocalEndpoints_ListsEveryPlayedService()
    {
        var endpoints = await stack.Http.GetFromJsonAsync<JsonElement>(new Uri(stack.BaseUrl, "local/endpoints"));

        foreach (var name in new[] { "s3", "dynamodb", "sns", "rekognition", "apigatewaymanagementapi", "mailbox", "uploadBucket", "imagesTable", "connectionsTable", "topicArn" })
        {
            endpoints.GetProperty(name).GetString().ShouldNotBeNullOrWhiteSpace(name);
        }
    }

    [Theory]
    [InlineData("{\"feedId\":\"AAAAAAAAAAAAAAAAAAAAAA\",\"fileName\":\"a.gif\",\"contentType\":\"image/gif\",\"size\":10}", "UnsupportedContentType")]
    [InlineData("{\"feedId\":\"AAAAAAAAAAAAAAAAAAAAAA\",\"fileName\":\"a.png\",\"contentType\":\"image/png\",\"size\":16777216}", "TooLarge")]
    [InlineData("{\"feedId\":\"../etc\",\"fileName\":\"a.png\",\"contentType\":\"image/png\",\"size\":10}", "InvalidFeedId")]
    [InlineData("{not json", "InvalidRequest")]
    public async Task Uploads_BadRequest_Is400WithCode(string body, string code)
    {
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        using var response = await stack.Http.PostAsync(stack.Api("uploads"), content);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetProperty("code").GetString().ShouldBe(code);
    }

    [Fact]
    public async Task GetImage_Unknown_Is404WithError()
    {
        using var response = await stack.Http.GetAsync(stack.Api("images/0123456789abcdef0123456789abcdef"));

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetProperty("code").GetString().ShouldBe("ImageNotFound");
    }

    [Fact]
    public async Task Root_ServesThePage()
    {
        using var response = await stack.Http.GetAsync(stack.BaseUrl);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldContain("ImageLabelsLive");
    }
}
