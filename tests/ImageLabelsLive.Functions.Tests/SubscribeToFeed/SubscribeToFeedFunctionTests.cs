using System.Text;
using System.Text.Json.Nodes;
using Amazon.Lambda.APIGatewayEvents;
using ImageLabelsLive.Core.Ports;
using ImageLabelsLive.Core.Subscriptions;
using ImageLabelsLive.Functions.SubscribeToFeed;
using ImageLabelsLive.Testing.Fakes;

namespace ImageLabelsLive.Functions.Tests.SubscribeToFeed;

public class SubscribeToFeedFunctionTests
{
    private const string RouteKey = "POST /feeds/{feedId}/subscriptions";

    private readonly CountingSubscriptionRequests counters = new();
    private readonly RecordingSubscriber subscriber = new();
    private readonly FakeTimeProvider clock = new(Samples.Start);

    private SubscribeToFeedFunction Function() => new(new SubscribeToFeedHandler(counters, subscriber, clock));

    private static JsonObject Event(string? body, string feedId = Samples.FeedId, bool isBase64Encoded = false) =>
        HttpEvents.HttpApi("POST", $"/feeds/{feedId}/subscriptions", RouteKey, body, isBase64Encoded, pathParameters: new Dictionary<string, string> { ["feedId"] = feedId });

    private async Task<(int Status, JsonNode Body)> PostAsync(string? body, string feedId = Samples.FeedId, bool isBase64Encoded = false) =>
        Answer(await Function().HandleAsync(HttpEvents.ToHttpRequest(Event(body, feedId, isBase64Encoded)), default));

    private static (int Status, JsonNode Body) Answer(APIGatewayHttpApiV2ProxyResponse response)
    {
        response.Headers!["Content-Type"].ShouldStartWith("application/json");
        return (response.StatusCode, JsonNode.Parse(response.Body!)!);
    }

    private static string ErrorCode(JsonNode body) => body["error"]!["code"]!.GetValue<string>();

    [Fact]
    public async Task HandleAsync_ValidRequest_Returns202PendingConfirmationAndSubscribesWithTheFeedsPolicy()
    {
        var (status, body) = await PostAsync("""{"email":"ann@example.com","labels":["Dog"]}""");

        status.ShouldBe(202);
        body.ToJsonString().ShouldBe("""{"status":"PendingConfirmation"}""");
        subscriber.Calls.ShouldHaveSingleItem().ShouldBe(("ann@example.com", $$"""{"feedId":["{{Samples.FeedId}}"],"labels":["Dog"]}"""));
    }

    [Fact]
    public async Task HandleAsync_AlreadySubscribedWithTheseChoices_Returns200Subscribed()
    {
        subscriber.Next = SubscribeOutcome.AlreadySubscribed;

        var (status, body) = await PostAsync("""{"email":"ann@example.com"}""");

        status.ShouldBe(200);
        body.ToJsonString().ShouldBe("""{"status":"Subscribed"}""");
    }

    [Fact]
    public async Task HandleAsync_SubscribedWithOtherChoices_Returns409()
    {
        subscriber.Next = SubscribeOutcome.SubscribedWithOtherChoices;

        var (status, body) = await PostAsync("""{"email":"ann@example.com","labels":["Cat"]}""");

        status.ShouldBe(409);
        ErrorCode(body).ShouldBe("SubscribedWithOtherChoices");
    }

    [Fact]
    public async Task HandleAsync_OverTheHourlyLimit_Returns429AndDoesNotSubscribe()
    {
        for (var i = 0; i < SubscriptionRequestLimit.PerHour; i++)
        {
            (await PostAsync("""{"email":"ann@example.com"}""")).Status.ShouldBe(202);
        }

        var (status, body) = await PostAsync("""{"email":"ann@example.com"}""");

        status.ShouldBe(429);
        ErrorCode(body).ShouldBe("TooManySubscriptions");
        subscriber.Calls.Count.ShouldBe(SubscriptionRequestLimit.PerHour);
    }

    [Theory]
    [InlineData("nope")]
    [InlineData("")]
    [InlineData("ann@localhost")]
    [InlineData("Ann <ann@example.com>")]
    [InlineData("ann@example.com, bob@example.com")]
    public async Task HandleAsync_BadEmail_Returns400InvalidEmailAndSubscribesNothing(string email)
    {
        var (status, body) = await PostAsync(new JsonObject { ["email"] = email }.ToJsonString());

        status.ShouldBe(400);
        ErrorCode(body).ShouldBe("InvalidEmail");
        body["error"]!["message"]!.GetValue<string>().ShouldNotBeNullOrWhiteSpace();
        subscriber.Calls.ShouldBeEmpty();
        counters.Counts.ShouldBeEmpty();
    }

    [Fact]
    public async Task HandleAsync_LabelsNotAList_Returns400InvalidLabels()
    {
        var (status, body) = await PostAsync("""{"email":"ann@example.com","labels":"Dog"}""");

        status.ShouldBe(400);
        ErrorCode(body).ShouldBe("InvalidLabels");
        subscriber.Calls.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("short")]
    [InlineData(Samples.FeedId + "..")]
    public async Task HandleAsync_BadFeedId_Returns400InvalidFeedId(string feedId)
    {
        var (status, body) = await PostAsync("""{"email":"ann@example.com"}""", feedId);

        status.ShouldBe(400);
        ErrorCode(body).ShouldBe("InvalidFeedId");
        subscriber.Calls.ShouldBeEmpty();
    }

    [Fact]
    public async Task HandleAsync_NoFeedIdPathParameter_Returns400InvalidFeedId()
    {
        var lambdaEvent = Event("""{"email":"ann@example.com"}""");
        lambdaEvent.Remove("pathParameters");

        var (status, body) = Answer(await Function().HandleAsync(HttpEvents.ToHttpRequest(lambdaEvent), default));

        status.ShouldBe(400);
        ErrorCode(body).ShouldBe("InvalidFeedId");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("{")]
    [InlineData("not json at all")]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("""{"email":42}""")]
    public async Task HandleAsync_MalformedBody_Returns400InvalidRequestWithoutDetail(string? rawBody)
    {
        var (status, body) = await PostAsync(rawBody);

        status.ShouldBe(400);
        ErrorCode(body).ShouldBe("InvalidRequest");
        body.ToJsonString().ShouldNotContain("Exception");
        subscriber.Calls.ShouldBeEmpty();
    }

    [Fact]
    public async Task HandleAsync_Base64EncodedBody_IsDecoded()
    {
        var encoded = Convert.ToBase64String(Encoding.UTF8.GetBytes("""{"email":"ann@example.com"}"""));

        var (status, _) = await PostAsync(encoded, isBase64Encoded: true);

        status.ShouldBe(202);
        subscriber.Calls.ShouldHaveSingleItem().Email.ShouldBe("ann@example.com");
    }

    [Fact]
    public async Task HandleAsync_Base64FlagOnTextThatIsNotBase64_Returns400InvalidRequest()
    {
        var (status, body) = await PostAsync("""{"email":"ann@example.com"}""", isBase64Encoded: true);

        status.ShouldBe(400);
        ErrorCode(body).ShouldBe("InvalidRequest");
    }

    [Fact]
    public async Task HandleAsync_SubscriberFails_Returns500WithoutDetail()
    {
        subscriber.Failure = new HttpRequestException("SNS answered 500 for arn:aws:sns:eu-west-1:123456789012:ill-results");

        var (status, body) = await PostAsync("""{"email":"ann@example.com"}""");

        status.ShouldBe(500);
        ErrorCode(body).ShouldBe("InternalError");
        body.ToJsonString().ShouldNotContain("arn:aws");
    }

    [Fact]
    public async Task HandleAsync_StreamEntryPoint_AnswersStatusAndJsonBody()
    {
        var response = await LambdaInvocation.InvokeAsync(Function().HandleAsync, Event("""{"email":"ann@example.com"}"""));

        response["statusCode"]!.GetValue<int>().ShouldBe(202);
        LambdaInvocation.Body(response)["status"]!.GetValue<string>().ShouldBe("PendingConfirmation");
        subscriber.Calls.ShouldHaveSingleItem();
    }
}
