using ImageLabelsLive.Core.Connections;
using ImageLabelsLive.Testing.Fakes;

namespace ImageLabelsLive.Core.Tests.Connections;

public class DisconnectHandlerTests
{
    private readonly InMemoryConnectionStore connections = new();

    [Fact]
    public async Task HandleAsync_Twice_LeavesNoConnection()
    {
        connections.Add("abc=", Samples.FeedId);
        var handler = new DisconnectHandler(connections);

        await handler.HandleAsync("abc=", default);
        await handler.HandleAsync("abc=", default);

        connections.Connections.ShouldBeEmpty();
    }
}
