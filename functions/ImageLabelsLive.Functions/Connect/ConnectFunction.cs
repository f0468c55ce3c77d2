using System.Net;
using Amazon.Lambda.APIGatewayEvents;
using ImageLabelsLive.Core.Connections;
using ImageLabelsLive.Functions.Hosting;

namespace ImageLabelsLive.Functions.Connect;

/// <summary>$connect with ?feed=: stores the connection, or answers 400 so API Gateway refuses the upgrade.</summary>
public sealed class ConnectFunction(ConnectHandler handler) : WebSocketFunction
{
    public ConnectFunction()
        : this(FunctionContainer.Instance.Connect())
    {
    }

    protected override async Task<APIGatewayProxyResponse> RespondAsync(string connectionId, APIGatewayProxyRequest request, CancellationToken cancellationToken)
    {
        var error = await handler.HandleAsync(connectionId, request.QueryStringParameters.Get("feed"), cancellationToken).ConfigureAwait(false);
        return error is null
            ? WebSocketResponses.Status(HttpStatusCode.OK, "Connected.")
            : WebSocketResponses.Status(HttpStatusCode.BadRequest, error.Message);
    }
}
