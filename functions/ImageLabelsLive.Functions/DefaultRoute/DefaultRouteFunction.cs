using System.Net;
using System.Text;
using Amazon.Lambda.APIGatewayEvents;
using ImageLabelsLive.Core.Connections;
using ImageLabelsLive.Functions.Hosting;

namespace ImageLabelsLive.Functions.DefaultRoute;

/// <summary>
/// $default: answers {"action":"ping"} with {"type":"pong"} through the route response, anything else with a short error,
/// and closes a connection over its message limit.
/// </summary>
public sealed class DefaultRouteFunction(DefaultRouteHandler handler) : WebSocketFunction
{
    public DefaultRouteFunction()
        : this(FunctionContainer.Instance.DefaultRoute())
    {
    }

    protected override async Task<APIGatewayProxyResponse> RespondAsync(string connectionId, APIGatewayProxyRequest request, CancellationToken cancellationToken)
    {
        string? body;
        try
        {
            body = request.IsBase64Encoded && request.Body is not null
                ? Encoding.UTF8.GetString(Convert.FromBase64String(request.Body))
                : request.Body;
        }
        catch (FormatException)
        {
            body = null;
        }
        var reply = await handler.HandleAsync(connectionId, body, cancellationToken).ConfigureAwait(false);
        // No body, no route response: the connection is being closed.
        return reply is null
            ? new APIGatewayProxyResponse { StatusCode = (int)HttpStatusCode.OK }
            : WebSocketResponses.Status(HttpStatusCode.OK, Encoding.UTF8.GetString(reply));
    }
}
