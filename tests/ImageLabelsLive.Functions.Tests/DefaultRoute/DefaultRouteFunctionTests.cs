using System.Text;
using System.Text.Json.Nodes;
using ImageLabelsLive.Functions.DefaultRoute;
using ImageLabelsLive.Core.Connections;
using ImageLabelsLive.Testing.Fakes;

namespace ImageLabelsLive.Functions.Tests.DefaultRoute;

public class DefaultRouteFunctionTests
{
    private readonly InMemoryConnectionStore connections = new();
    private readonly RecordingMessenger messenger = new();
    private readonly DefaultRouteFunction function;

    public DefaultRouteFunctionTests()
    {
        connections.Add("conn-1=", "feed-1");
        function = new DefaultRouteFunction(new DefaultRouteHandler(connections, messenger, new FakeTimeProvider(new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.Zero))));
    }

    private async Task<(int Status, JsonNode Body)> SendAsync(string? body, bool isBase64Encoded = false)
    {
        var lambdaEvent = HttpEvents.WebSocket("$default", "MESSAGE", "conn-1=", body);
        lambdaEvent["isBase64Encoded"] = isBase64Encoded;
        var response = await function.HandleAsync(HttpEvents.ToWebSocketRequest(lambdaEvent), default);
        return (response.StatusCode, JsonNode.Parse(response.Body!)!);
    }

    [Theory]
    [InlineData("""{"action":"ping"}""")]
    [InlineData("""{ "action" : "ping", "sentAt": 1 }""")]
    public async Task HandleAsync_Ping_AnswersExactlyPong(string message)
    {
        var (status, body) = await SendAsync(message);

        status.ShouldBe(200);
        body.ToJsonString().ShouldBe("""{"type":"pong"}""");
    }

    [Fact]
    public async Task HandleAsync_UnknownAction_AnswersUnknownActionError()
    {
        var (status, body) = await SendAsync("""{"action":"subscribe","feed":"x"}""");

        status.ShouldBe(200);
        body["type"]!.GetValue<string>().ShouldBe("error");
        body["error"]!["code"]!.GetValue<string>().ShouldBe("UnknownAction");
        body["error"]!["message"]!.GetValue<string>().ShouldContain("ping");
    }

    [Theory]
    [InlineData("{")]
    [InlineData("ping")]
    [InlineData("[1,2]")]
    [InlineData("""{"action":5}""")]
    [InlineData("""{"a":1}""")]
    [InlineData("")]
    [InlineData(null)]
    public async Task HandleAsync_MalformedMessage_AnswersInvalidMessageError(string? message)
    {
        var (status, body) = await SendAsync(message);

        status.ShouldBe(200);
        body["type"]!.GetValue<string>().ShouldBe("error");
        body["error"]!["code"]!.GetValue<string>().ShouldBe("InvalidMessage");
        body.ToJsonString().ShouldNotContain("Exception");
    }

    [Fact]
    public async Task HandleAsync_Base64EncodedPing_AnswersPong()
    {
        var (_, body) = await SendAsync(Convert.ToBase64String(Encoding.UTF8.GetBytes("""{"action":"ping"}""")), isBase64Encoded: true);

        body["type"]!.GetValue<string>().ShouldBe("pong");
    }

    [Fact]
    public async Task HandleAsync_Base64FlagWithInvalidBase64_AnswersInvalidMessage()
    {
        var (status, body) = await SendAsync("""{"action":"ping"}""", isBase64Encoded: true);

        status.ShouldBe(200);
        body["error"]!["code"]!.GetValue<string>().ShouldBe("InvalidMessage");
    }

    [Fact]
    public async Task HandleAsync_StreamEntryPoint_WritesPongAsTheRouteResponseBody()
    {
        var response = await LambdaInvocation.InvokeAsync(function.HandleAsync, HttpEvents.WebSocket("$default", "MESSAGE", "conn-1=", """{"action":"ping"}"""));

        response["statusCode"]!.GetValue<int>().ShouldBe(200);
        response["body"]!.GetValue<string>().ShouldBe("""{"type":"pong"}""");
    }

    [SharedFact]
    public async Task HandleAsync_SharedMessageEventAsSent_AnswersInvalidMessage()
    {
        var response = await LambdaInvocation.InvokeAsync(function.HandleAsync, LambdaInvocation.SharedEvent("aws-lambda-go_apigw-websocket-message-default-route.json"));

        response["statusCode"]!.GetValue<int>().ShouldBe(200);
        LambdaInvocation.Body(response)["error"]!["code"]!.GetValue<string>().ShouldBe("InvalidMessage");
    }

    [SharedTheory]
    [InlineData("aws-lambda-go_apigw-websocket-message-default-route.json")]
    [InlineData("powertools-python_apigw-websocket-message-custom-route.json")]
    public async Task HandleAsync_SharedMessageEventCarryingPing_AnswersPong(string fileName)
    {
        var lambdaEvent = LambdaInvocation.SharedEvent(fileName);
        lambdaEvent["body"] = """{"action":"ping"}""";
        lambdaEvent["isBase64Encoded"] = false;

        var response = await LambdaInvocation.InvokeAsync(function.HandleAsync, lambdaEvent);

        response["body"]!.GetValue<string>().ShouldBe("""{"type":"pong"}""");
    }

    [Fact]
    public async Task HandleAsync_OverTheMessageLimit_PostsTooManyMessagesAndClosesWithoutARouteResponse()
    {
        for (var i = 0; i < ConnectionMessageLimit.PerSecond; i++)
        {
            (await SendAsync("""{"action":"ping"}""")).Body["type"]!.GetValue<string>().ShouldBe("pong");
        }

        var response = await function.HandleAsync(HttpEvents.ToWebSocketRequest(HttpEvents.WebSocket("$default", "MESSAGE", "conn-1=", """{"action":"ping"}""")), default);

        response.StatusCode.ShouldBe(200);
        response.Body.ShouldBeNull();
        messenger.Received["conn-1="].ShouldHaveSingleItem().ShouldContain("TooManyMessages");
        messenger.Closed.ShouldBe(["conn-1="]);
    }

    [Fact]
    public async Task HandleAsync_NoConnectionId_Answers400WithoutCounting()
    {
        var lambdaEvent = HttpEvents.WebSocket("$default", "MESSAGE", "conn-1=", """{"action":"ping"}""");
        lambdaEvent["requestContext"]!.AsObject().Remove("connectionId");

        var response = await function.HandleAsync(HttpEvents.ToWebSocketRequest(lambdaEvent), default);

        response.StatusCode.ShouldBe(400);
        messenger.Closed.ShouldBeEmpty();
    }
}
