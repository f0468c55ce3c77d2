using ImageLabelsLive.Core.Connections;
using ImageLabelsLive.Testing.Fakes;

namespace ImageLabelsLive.Core.Tests.Connections;

public class ConnectHandlerTests
{
    private readonly InMemoryConnectionStore connections = new();

    [Fact]
    public async Task HandleAsync_ValidFeed_StoresItWithTtlPastTwoHours()
    {
        var error = await new ConnectHandler(connections, new FakeTimeProvider(Samples.Start)).HandleAsync("abc=", Samples.FeedId, default);

        error.ShouldBeNull();
        var stored = connections.Connections["abc="];
        stored.FeedId.ShouldBe(Samples.FeedId);
        stored.ExpiresAt.ShouldBe(Samples.Start.AddHours(2).AddMinutes(10));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("tiny")]
    [InlineData("../../../../../../../../")]
    public async Task HandleAsync_InvalidFeed_IsRefusedAndNothingStored(string? feedId)
    {
        var error = await new ConnectHandler(connections, TimeProvider.System).HandleAsync("abc=", feedId, default);

        error!.Code.ShouldBe("InvalidFeedId");
        connections.Connections.ShouldBeEmpty();
    }
}
