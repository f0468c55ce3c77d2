using ImageLabelsLive.Core.Connections;
using ImageLabelsLive.Functions.Disconnect;
using ImageLabelsLive.Testing.Fakes;

namespace ImageLabelsLive.Functions.Tests.Disconnect;

public class DisconnectFunctionTests
{
    private readonly InMemoryConnectionStore connections = new();

    private DisconnectFunction Function() => new(new DisconnectHandler(connections));

    [Fact]
    public async Task HandleAsync_KnownConnection_Returns200AndDeletesOnlyIt()
    {
        connections.Add("gone=", Samples.FeedId);
        connections.Add("stays=", Samples.FeedId);

        var response = await Function().HandleAsync(HttpEvents.ToWebSocketRequest(HttpEvents.WebSocket("$disconnect", "DISCONNECT", "gone=")), default);

        response.StatusCode.ShouldBe(200);
        connections.Connections.Keys.ShouldBe(["stays="]);
    }

    [Fact]
    public async Task HandleAsync_UnknownOrRepeatedDisconnect_Returns200()
    {
        var function = Function();
        var request = HttpEvents.ToWebSocketRequest(HttpEvents.WebSocket("$disconnect", "DISCONNECT", "never-seen="));

        (await function.HandleAsync(request, default)).StatusCode.ShouldBe(200);
        (await function.HandleAsync(request, default)).StatusCode.ShouldBe(200);
    }

    [Fact]
    public async Task HandleAsync_NoConnectionId_Returns400AndDeletesNothing()
    {
        connections.Add("stays=", Samples.FeedId);

        var response = await Function().HandleAsync(HttpEvents.ToWebSocketRequest(HttpEvents.WebSocket("$disconnect", "DISCONNECT", connectionId: null)), default);

        response.StatusCode.ShouldBe(400);
        connections.Connections.Keys.ShouldBe(["stays="]);
    }

    [Fact]
    public async Task HandleAsync_StreamEntryPoint_DeletesTheConnection()
    {
        connections.Add("conn-9=", Samples.FeedId);

        var response = await LambdaInvocation.InvokeAsync(Function().HandleAsync, HttpEvents.WebSocket("$disconnect", "DISCONNECT", "conn-9="));

        response["statusCode"]!.GetValue<int>().ShouldBe(200);
        connections.Connections.ShouldBeEmpty();
    }

    [SharedTheory]
    [InlineData("aws-lambda-go_apigw-websocket-disconnect.json", "R1kmxc2VNjMCFIA=")]
    [InlineData("powertools-python_apigw-websocket-disconnect.json", "BFaT_fALIAMCKug=")]
    public async Task HandleAsync_SharedDisconnectEvent_DeletesItsConnectionId(string fileName, string connectionId)
    {
        var lambdaEvent = LambdaInvocation.SharedEvent(fileName);
        connections.Add(connectionId, Samples.FeedId);
        connections.Add("other=", Samples.FeedId);

        var response = await LambdaInvocation.InvokeAsync(Function().HandleAsync, lambdaEvent);

        response["statusCode"]!.GetValue<int>().ShouldBe(200);
        connections.Connections.Keys.ShouldBe(["other="]);
    }
}
