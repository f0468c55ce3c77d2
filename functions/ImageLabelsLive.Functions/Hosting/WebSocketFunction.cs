using Amazon.Lambda.APIGatewayEvents;
using ImageLabelsLive.Aws.Serialization;
using ImageLabelsLive.Functions.Catalog;

namespace ImageLabelsLive.Functions.Hosting;

/// <summary>
/// A route of the WebSocket API: the Stream entry point, and the connection id every route needs (an event without
/// one is answered 400). A function only says how it answers its connection's request.
/// </summary>
public abstract class WebSocketFunction : ILambdaFunction
{
    public Task<Stream> HandleAsync(Stream input) =>
        LambdaStreams.HandleAsync(input, LambdaJson.Default.APIGatewayProxyRequest, LambdaJson.Default.APIGatewayProxyResponse, HandleAsync);

    public Task<APIGatewayProxyResponse> HandleAsync(APIGatewayProxyRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return WebSocketResponses.ConnectionIdOf(request) is { } connectionId
            ? RespondAsync(connectionId, request, cancellationToken)
            : Task.FromResult(WebSocketResponses.NoConnectionId);
    }

    protected abstract Task<APIGatewayProxyResponse> RespondAsync(string connectionId, APIGatewayProxyRequest request, CancellationToken cancellationToken);
}
