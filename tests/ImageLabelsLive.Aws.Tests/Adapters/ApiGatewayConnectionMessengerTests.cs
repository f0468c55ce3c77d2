using System.Diagnostics;
using System.Net;
using Amazon.ApiGatewayManagementApi;
using Amazon.ApiGatewayManagementApi.Model;
using Amazon.Runtime;
using ImageLabelsLive.Aws.Messaging;
using ImageLabelsLive.Core.Ports;
using NSubstitute;

namespace ImageLabelsLive.Aws.Tests.Adapters;

public class ApiGatewayConnectionMessengerTests
{
    private static readonly byte[] Message = """{"type":"image","image":{"imageId":"x"}}"""u8.ToArray();
    private static readonly TimeSpan FirstDelay = TimeSpan.FromMilliseconds(20);

    private readonly IAmazonApiGatewayManagementApi api = Substitute.For<IAmazonApiGatewayManagementApi>();
    private readonly List<(string? ConnectionId, byte[] Data)> attempts = [];

    private ApiGatewayConnectionMessenger Messenger(int maxRetries = 3) => new(api, maxRetries, FirstDelay);

    /// <summary>Each attempt records what it sent (from the stream's position, as the client sends it) and gets the next outcome: null accepts, an exception fails.</summary>
    private void Answer(params Exception?[] outcomes)
    {
        api.PostToConnectionAsync(Arg.Any<PostToConnectionRequest>(), Arg.Any<CancellationToken>()).Returns(call =>
        {
            var request = call.Arg<PostToConnectionRequest>();
            var data = request.Data!;
            attempts.Add((request.ConnectionId, data.ToArray()[(int)data.Position..]));
            var outcome = outcomes[Math.Min(attempts.Count - 1, outcomes.Length - 1)];
            return outcome is null ? Task.FromResult(new PostToConnectionResponse()) : Task.FromException<PostToConnectionResponse>(outcome);
        });
    }

    private static AmazonApiGatewayManagementApiException ServerError() =>
        new("Internal server error", ErrorType.Receiver, "InternalServerErrorException", "r1", HttpStatusCode.InternalServerError);

    private static LimitExceededException TooManyRequests() =>
        new("Too many requests", ErrorType.Sender, "LimitExceededException", "r2", (HttpStatusCode)429);

    [Fact]
    public async Task SendAsync_Accepted_DeliversTheMessageToTheConnectionOnce()
    {
        Answer([null]);

        var result = await Messenger().SendAsync("conn-1=", Message, default);

        result.ShouldBe(DeliveryResult.Delivered);
        var attempt = attempts.ShouldHaveSingleItem();
        attempt.ConnectionId.ShouldBe("conn-1=");
        attempt.Data.ShouldBe(Message);
    }

    [Fact]
    public async Task SendAsync_GoneException_ReportsGoneWithoutRetrying()
    {
        Answer(new GoneException("Gone", ErrorType.Sender, "GoneException", "r3", HttpStatusCode.Gone));

        var result = await Messenger().SendAsync("closed=", Message, default);

        result.ShouldBe(DeliveryResult.Gone);
        attempts.Count.ShouldBe(1);
    }

    [Fact]
    public async Task SendAsync_OneServerError_RetriesAndDeliversTheWholeMessageAgain()
    {
        Answer(ServerError(), null);

        var result = await Messenger().SendAsync("conn-1=", Message, default);

        result.ShouldBe(DeliveryResult.Delivered);
        attempts.Count.ShouldBe(2);
        attempts.ShouldAllBe(attempt => attempt.Data.SequenceEqual(Message));
    }

    [Fact]
    public async Task SendAsync_ServerErrorEveryTime_RetriesWithBackoffThenThrows()
    {
        var error = ServerError();
        Answer(error);
        var clock = Stopwatch.StartNew();

        var thrown = await Should.ThrowAsync<AmazonApiGatewayManagementApiException>(() => Messenger(maxRetries: 3).SendAsync("conn-1=", Message, default));

        thrown.ShouldBeSameAs(error);
        attempts.Count.ShouldBe(4);
        // Three exponential, jittered delays starting at 20 ms add up to well over one first delay.
        clock.Elapsed.ShouldBeGreaterThanOrEqualTo(FirstDelay);
    }

    [Fact]
    public async Task SendAsync_TooManyRequestsEveryTime_RetriesThenThrows()
    {
        Answer(TooManyRequests());

        await Should.ThrowAsync<LimitExceededException>(() => Messenger(maxRetries: 2).SendAsync("conn-1=", Message, default));

        attempts.Count.ShouldBe(3);
    }

    [Fact]
    public async Task SendAsync_TooManyRequestsThenGone_ReportsGone()
    {
        Answer(TooManyRequests(), new GoneException("Gone", ErrorType.Sender, "GoneException", "r4", HttpStatusCode.Gone));

        (await Messenger().SendAsync("conn-1=", Message, default)).ShouldBe(DeliveryResult.Gone);

        attempts.Count.ShouldBe(2);
    }

    [Fact]
    public async Task SendAsync_NetworkFailureOnce_RetriesAndDelivers()
    {
        Answer(new HttpRequestException("Connection reset"), null);

        (await Messenger().SendAsync("conn-1=", Message, default)).ShouldBe(DeliveryResult.Delivered);

        attempts.Count.ShouldBe(2);
    }

    [Fact]
    public async Task SendAsync_ForbiddenOrTooLarge_ThrowsWithoutRetrying()
    {
        Answer(new ForbiddenException("Forbidden", ErrorType.Sender, "ForbiddenException", "r5", HttpStatusCode.Forbidden));
        await Should.ThrowAsync<ForbiddenException>(() => Messenger().SendAsync("conn-1=", Message, default));
        attempts.Count.ShouldBe(1);

        attempts.Clear();
        Answer(new PayloadTooLargeException("Too large", ErrorType.Sender, "PayloadTooLargeException", "r6", HttpStatusCode.RequestEntityTooLarge));
        await Should.ThrowAsync<PayloadTooLargeException>(() => Messenger().SendAsync("conn-1=", Message, default));
        attempts.Count.ShouldBe(1);
    }

    [Fact]
    public async Task SendAsync_Cancelled_StopsRetrying()
    {
        Answer(ServerError());
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(5));

        await Should.ThrowAsync<Exception>(() => new ApiGatewayConnectionMessenger(api, maxRetries: 50, TimeSpan.FromMilliseconds(50)).SendAsync("conn-1=", Message, cancellation.Token));

        attempts.Count.ShouldBeLessThan(5);
    }

    [Fact]
    public async Task CloseAsync_Accepted_DeletesThatConnection()
    {
        await Messenger().CloseAsync("flood=", default);

        await api.Received(1).DeleteConnectionAsync(Arg.Is<DeleteConnectionRequest>(request => request.ConnectionId == "flood="), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task CloseAsync_AlreadyGone_IsNotAnError()
    {
        api.DeleteConnectionAsync(Arg.Any<DeleteConnectionRequest>(), Arg.Any<CancellationToken>())
            .Returns(Task.FromException<DeleteConnectionResponse>(new GoneException("Gone", ErrorType.Sender, "GoneException", "r4", HttpStatusCode.Gone)));

        await Should.NotThrowAsync(() => Messenger().CloseAsync("closed=", default));

        await api.Received(1).DeleteConnectionAsync(Arg.Any<DeleteConnectionRequest>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task CloseAsync_ServerErrorOnce_RetriesAndCloses()
    {
        var calls = 0;
        api.DeleteConnectionAsync(Arg.Any<DeleteConnectionRequest>(), Arg.Any<CancellationToken>())
            .Returns(_ => ++calls == 1 ? Task.FromException<DeleteConnectionResponse>(ServerError()) : Task.FromResult(new DeleteConnectionResponse()));

        await Messenger().CloseAsync("flood=", default);

        calls.ShouldBe(2);
    }
}
