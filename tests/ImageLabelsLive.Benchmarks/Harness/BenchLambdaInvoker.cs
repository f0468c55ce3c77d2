using ImageLabelsLive.Core.Connections;
using ImageLabelsLive.Core.Ports;
using ImageLabelsLive.Functions.Catalog;
using ImageLabelsLive.Functions.Connect;
using ImageLabelsLive.Functions.DefaultRoute;
using ImageLabelsLive.Functions.Disconnect;
using ImageLabelsLive.LocalAws.ApiGateway;
using ImageLabelsLive.LocalAws.Lambda;
using ImageLabelsLive.Testing.Fakes;

namespace ImageLabelsLive.Benchmarks.Harness;

/// <summary>
/// Plays Lambda for the local WebSocket API: the real $connect, $disconnect and $default functions through their
/// Stream entry points, with the connection store in memory instead of DynamoDB.
/// </summary>
internal sealed class BenchLambdaInvoker(InMemoryConnectionStore store, WebSocketConnections sockets) : ILambdaInvoker
{
    private readonly DefaultRouteFunction defaultRoute = new(new DefaultRouteHandler(store, new SocketMessenger(sockets), TimeProvider.System));
    private readonly ConnectFunction connect = new(new ConnectHandler(store, TimeProvider.System));
    private readonly DisconnectFunction disconnect = new(new DisconnectHandler(store));

    public async Task<byte[]> InvokeAsync(string functionName, byte[] payload, CancellationToken cancellationToken)
    {
        using var input = new MemoryStream(payload, writable: false);
        Func<Stream, Task<Stream>>? entry =
            functionName == FunctionCatalog.Connect.Name ? connect.HandleAsync
            : functionName == FunctionCatalog.Disconnect.Name ? disconnect.HandleAsync
            : functionName == FunctionCatalog.DefaultRoute.Name ? defaultRoute.HandleAsync
            : null;
        var output = entry is null
            ? throw new ArgumentException($"No function is named '{functionName}'.", nameof(functionName))
            : await entry(input).ConfigureAwait(false);
        await using (output.ConfigureAwait(false))
        {
            using var answer = new MemoryStream();
            await output.CopyToAsync(answer, cancellationToken).ConfigureAwait(false);
            return answer.ToArray();
        }
    }

    /// <summary>$default's posts and closes straight onto the sockets: the benchmarks measure pushes, not this.</summary>
    private sealed class SocketMessenger(WebSocketConnections sockets) : IConnectionMessenger
    {
        public Task<DeliveryResult> SendAsync(string connectionId, ReadOnlyMemory<byte> message, CancellationToken cancellationToken) =>
            Task.FromResult(sockets.TryGet(connectionId, out var socket) && socket.TrySend(message.ToArray()) ? DeliveryResult.Delivered : DeliveryResult.Gone);

        public Task CloseAsync(string connectionId, CancellationToken cancellationToken)
        {
            if (sockets.TryGet(connectionId, out var socket))
            {
                socket.CloseAfterQueuedFrames(System.Net.WebSockets.WebSocketCloseStatus.NormalClosure, "Closed by the management API");
            }
            return Task.CompletedTask;
        }
    }
}
