using ImageLabelsLive.Core.Connections;
using ImageLabelsLive.Functions.Connect;
using ImageLabelsLive.Testing.Fakes;

namespace ImageLabelsLive.Functions.Tests.Connect;

public class ConnectFunctionTests
{
    private readonly InMemoryConnectionStore connections = new();
    private readonly FakeTimeProvider clock = new(Samples.Start);

    private ConnectFunction Function() => new(new ConnectHandler(connections, clock));

    private static Dictionary<string, string> Feed(string feedId) => new() { ["feed"] = feedId };

    [Fact]
    public async Task HandleAsync_ValidFeed_Returns200AndStoresConnectionWithExpiry()
    {
        var request = HttpEvents.ToWebSocketRequest(HttpEvents.WebSocket("$connect", "CONNECT", "conn-1=", query: Feed(Samples.FeedId)));

        var response = await Function().HandleAsync(request, default);

        response.StatusCode.ShouldBe(200);
        var stored = connections.Connections["conn-1="];
        stored.FeedId.ShouldBe(Samples.FeedId);
        stored.ConnectedAt.ShouldBe(Samples.Start);
        stored.ExpiresAt.ShouldBe(Samples.Start + TimeSpan.FromMinutes(130));
    }

    [Fact]
    public async Task HandleAsync_NoQueryString_Returns400AndStoresNothing()
    {
        var request = HttpEvents.ToWebSocketRequest(HttpEvents.WebSocket("$connect", "CONNECT", "conn-1="));

        var response = await Function().HandleAsync(request, default);

        response.StatusCode.ShouldBe(400);
        response.Body.ShouldNotBeNullOrWhiteSpace();
        connections.Connections.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("")]
    [InlineData("short")]
    [InlineData("AAAAAAAAAAAAAAAA+AAAAA")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAA\n")]
    public async Task HandleAsync_BadFeed_Returns400WithTheReasonAndStoresNothing(string feedId)
    {
        var request = HttpEvents.ToWebSocketRequest(HttpEvents.WebSocket("$connect", "CONNECT", "conn-1=", query: Feed(feedId)));

        var response = await Function().HandleAsync(request, default);

        response.StatusCode.ShouldBe(400);
        response.Body!.ShouldContain("feed id");
        connections.Connections.ShouldBeEmpty();
    }

    [Fact]
    public async Task HandleAsync_OtherQueryParameterOnly_Returns400()
    {
        var request = HttpEvents.ToWebSocketRequest(HttpEvents.WebSocket("$connect", "CONNECT", "conn-1=", query: new Dictionary<string, string> { ["feedId"] = Samples.FeedId }));

        var response = await Function().HandleAsync(request, default);

        response.StatusCode.ShouldBe(400);
        connections.Connections.ShouldBeEmpty();
    }

    [Fact]
    public async Task HandleAsync_NoConnectionId_Returns400AndStoresNothing()
    {
        var request = HttpEvents.ToWebSocketRequest(HttpEvents.WebSocket("$connect", "CONNECT", connectionId: null, query: Feed(Samples.FeedId)));

        var response = await Function().HandleAsync(request, default);

        response.StatusCode.ShouldBe(400);
        response.Body!.ShouldContain("connectionId");
        connections.Connections.ShouldBeEmpty();
    }

    [Fact]
    public async Task HandleAsync_NoRequestContext_Returns400()
    {
        var lambdaEvent = HttpEvents.WebSocket("$connect", "CONNECT", "conn-1=", query: Feed(Samples.FeedId));
        lambdaEvent.Remove("requestContext");

        var response = await Function().HandleAsync(HttpEvents.ToWebSocketRequest(lambdaEvent), default);

        response.StatusCode.ShouldBe(400);
        connections.Connections.ShouldBeEmpty();
    }

    [Fact]
    public async Task HandleAsync_StreamEntryPoint_Writes200AndStores()
    {
        var response = await LambdaInvocation.InvokeAsync(Function().HandleAsync, HttpEvents.WebSocket("$connect", "CONNECT", "conn-2=", query: Feed(Samples.OtherFeedId)));

        response["statusCode"]!.GetValue<int>().ShouldBe(200);
        connections.Connections["conn-2="].FeedId.ShouldBe(Samples.OtherFeedId);
    }

    [SharedTheory]
    [InlineData("aws-lambda-dotnet_websocket-api-connect.json", "QyUg1czHCYcCHXw=")]
    [InlineData("powertools-python_apigw-websocket-connect.json", "BFHPhfCWIAMCKlQ=")]
    [InlineData("aws-lambda-go_apigw-websocket-connect-hybrid.json", "TWegAcC4EowCHnA=")]
    public async Task HandleAsync_SharedConnectEventWithFeed_StoresItsConnectionId(string fileName, string connectionId)
    {
        var lambdaEvent = LambdaInvocation.SharedEvent(fileName);
        lambdaEvent["queryStringParameters"] = new System.Text.Json.Nodes.JsonObject { ["feed"] = Samples.FeedId };

        var response = await LambdaInvocation.InvokeAsync(Function().HandleAsync, lambdaEvent);

        response["statusCode"]!.GetValue<int>().ShouldBe(200);
        connections.Connections[connectionId].FeedId.ShouldBe(Samples.FeedId);
    }

    [SharedTheory]
    [InlineData("aws-lambda-dotnet_websocket-api-connect.json")]
    [InlineData("aws-lambda-go_apigw-websocket-connect-hybrid.json")]
    public async Task HandleAsync_SharedConnectEventAsSent_Returns400WithoutAFeed(string fileName)
    {
        var response = await LambdaInvocation.InvokeAsync(Function().HandleAsync, LambdaInvocation.SharedEvent(fileName));

        response["statusCode"]!.GetValue<int>().ShouldBe(400);
        connections.Connections.ShouldBeEmpty();
    }
}
