using System.Text;
using ImageLabelsLive.Core.Connections;
using ImageLabelsLive.Testing.Fakes;

namespace ImageLabelsLive.Core.Tests.Connections;

public class DefaultRouteHandlerTests
{
    private const string Ping = """{"action":"ping"}""";

    private readonly InMemoryConnectionStore connections = new();
    private readonly RecordingMessenger messenger = new();
    private readonly FakeTimeProvider clock = new(Samples.Start);
    private readonly DefaultRouteHandler handler;

    public DefaultRouteHandlerTests()
    {
        connections.Add("flood=", Samples.FeedId);
        connections.Add("calm=", Samples.FeedId);
        handler = new DefaultRouteHandler(connections, messenger, clock);
    }

    [Fact]
    public async Task HandleAsync_UpToTheLimitInOneSecond_AnswersEveryMessage()
    {
        for (var i = 0; i < ConnectionMessageLimit.PerSecond; i++)
        {
            Encoding.UTF8.GetString((await handler.HandleAsync("flood=", Ping, default))!).ShouldBe("""{"type":"pong"}""");
        }

        messenger.Received.ShouldBeEmpty();
        messenger.Closed.ShouldBeEmpty();
    }

    [Fact]
    public async Task HandleAsync_OneOverTheLimit_SendsTooManyMessagesThenCloses()
    {
        await SendAsync("flood=", ConnectionMessageLimit.PerSecond);

        var reply = await handler.HandleAsync("flood=", Ping, default);

        reply.ShouldBeNull();
        var error = messenger.Received["flood="].ShouldHaveSingleItem();
        error.ShouldContain("\"code\":\"TooManyMessages\"");
        error.ShouldContain("Reconnect");
        messenger.Closed.ShouldBe(["flood="]);
    }

    [Fact]
    public async Task HandleAsync_FurtherMessagesPastTheLimit_CloseAgainWithoutAnotherError()
    {
        await SendAsync("flood=", ConnectionMessageLimit.PerSecond + 3);

        messenger.Received["flood="].ShouldHaveSingleItem();
        messenger.Closed.Count.ShouldBe(3);
    }

    [Fact]
    public async Task HandleAsync_OneClientFloods_AnotherClientIsStillAnswered()
    {
        await SendAsync("flood=", ConnectionMessageLimit.PerSecond * 3);

        var reply = await handler.HandleAsync("calm=", Ping, default);

        Encoding.UTF8.GetString(reply!).ShouldBe("""{"type":"pong"}""");
        messenger.Closed.ShouldAllBe(id => id == "flood=");
    }

    [Fact]
    public async Task HandleAsync_NextSecond_StartsAFreshCount()
    {
        await SendAsync("flood=", ConnectionMessageLimit.PerSecond);
        clock.Advance(TimeSpan.FromSeconds(1));

        var reply = await handler.HandleAsync("flood=", Ping, default);

        reply.ShouldNotBeNull();
        messenger.Closed.ShouldBeEmpty();
    }

    private async Task SendAsync(string connectionId, int messages)
    {
        for (var i = 0; i < messages; i++)
        {
            await handler.HandleAsync(connectionId, Ping, default);
        }
    }
}
