using System.Net;
using Amazon.Lambda.APIGatewayEvents;
using ImageLabelsLive.Core.Connections;
using ImageLabelsLive.Functions.Hosting;

namespace ImageLabelsLive.Functions.Disconnect;

/// <summary>$disconnect: deletes the connection. API Gateway ignores the answer; it is 200 for the logs.</summary>
public sealed class DisconnectFunction(DisconnectHandler handler) : WebSocketFunction
{
    public DisconnectFunction()
        : this(FunctionContainer.Instance.Disconnect())
    {
    }

    protected override async Task<APIGatewayProxyResponse> RespondAsync(string connectionId, APIGatewayProxyRequest request, CancellationToken cancellationToken)
    {
        await handler.HandleAsync(connectionId, cancellationToken).ConfigureAwait(false);
        return WebSocketResponses.Status(HttpStatusCode.OK, "Disconnected.");
    }
}
