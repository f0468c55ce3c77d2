using ImageLabelsLive.Core.Connections;
using ImageLabelsLive.Functions.Connect;
using ImageLabelsLive.Functions.DefaultRoute;
using ImageLabelsLive.Functions.Disconnect;
using ImageLabelsLive.LocalAws.Lambda;

namespace ImageLabelsLive.Benchmarks.Harness;

/// <summary>
/// Plays Lambda for the local WebSocket API: the real $connect, $disconnect and $default functions through their
/// Stream entry points, with the connection store in memory instead of DynamoDB.
/// </summary>
internal sealed class BenchLambdaInvoker(InMemoryConnectionStore store) : ILambdaInvoker
{
    private readonly ConnectFunction connect = new(new OpenConnectionHandler(store, TimeProvider.System));
    private readonly DisconnectFunction disconnect = new(new CloseConnectionHandler(store));

    public async Task<byte[]> InvokeAsync(string functionName, byte[] payload, CancellationToken cancellationToken)
    {
        using var input = new MemoryStream(payload, writable: false);
        var output = functionName switch
        {
            LocalFunctionNames.Connect => await connect.HandleAsync(input).ConfigureAwait(false),
            LocalFunctionNames.Disconnect => await disconnect.HandleAsync(input).ConfigureAwait(false),
            LocalFunctionNames.Default => await DefaultRouteFunction.HandleAsync(input).ConfigureAwait(false),
            _ => throw new ArgumentException($"No function is named '{functionName}'.", nameof(functionName)),
        };
        await using (output.ConfigureAwait(false))
        {
            using var answer = new MemoryStream();
            await output.CopyToAsync(answer, cancellationToken).ConfigureAwait(false);
            return answer.ToArray();
        }
    }
}
