using System.Net;
using Amazon.Lambda.APIGatewayEvents;
using ImageLabelsLive.Aws.Serialization;
using ImageLabelsLive.Core.Connections;
using ImageLabelsLive.Functions.Catalog;
using ImageLabelsLive.Functions.Hosting;

namespace ImageLabelsLive.Functions.Disconnect;

/// <summary>$disconnect: deletes the connection. API Gateway ignores the answer; it is 200 for the logs.</summary>
public sealed class DisconnectFunction(DisconnectHandler handler) : ILambdaFunction
{
    public DisconnectFunction()
        : this(FunctionContainer.Instance.Disconnect())
    {
    }

    public Task<Stream> HandleAsync(Stream input) =>
        LambdaStreams.HandleAsync(input, LambdaJson.Default.APIGatewayProxyRequest, LambdaJson.Default.APIGatewayProxyResponse, HandleAsync);

    public async Task<APIGatewayProxyResponse> HandleAsync(APIGatewayProxyRequest request, CancellationToken cancellationToken)
    {
        if (WebSocketResponses.ConnectionIdOf(request) is not { } connectionId)
        {
            return WebSocketResponses.NoConnectionId;
        }
        await handler.HandleAsync(connectionId, cancellationToken).ConfigureAwait(false);
        return WebSocketResponses.Status(HttpStatusCode.OK, "Disconnected.");
    }
}
