using ImageLabelsLive.Core.Connections;
using ImageLabelsLive.Testing.Fakes;

namespace ImageLabelsLive.Core.Tests.Connections;

public class ConnectionHandlersTests
{
    private readonly InMemoryConnectionStore connections = new();

    [Fact]
    public async Task OpenConnection_ValidFeed_StoresItWithTtlPastTwoHours()
    {
        var error = await new OpenConnectionHandler(connections, new ManualClock(Samples.Start)).HandleAsync("abc=", Samples.FeedId, default);

        error.ShouldBeNull();
        var stored = connections.Connections["abc="];
        stored.FeedId.ShouldBe(Samples.FeedId);
        stored.ExpiresAt.ShouldBe(Samples.Start.AddHours(2).AddMinutes(10));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("tiny")]
    [InlineData("../../../../../../../../")]
    public async Task OpenConnection_InvalidFeed_IsRefusedAndNothingStored(string? feedId)
    {
        var error = await new OpenConnectionHandler(connections, TimeProvider.System).HandleAsync("abc=", feedId, default);

        error!.Code.ShouldBe("InvalidFeedId");
        connections.Connections.ShouldBeEmpty();
    }

    [Fact]
    public async Task CloseConnection_Twice_LeavesNoConnection()
    {
        connections.Add("abc=", Samples.FeedId);
        var handler = new CloseConnectionHandler(connections);

        await handler.HandleAsync("abc=", default);
        await handler.HandleAsync("abc=", default);

        connections.Connections.ShouldBeEmpty();
    }
}
