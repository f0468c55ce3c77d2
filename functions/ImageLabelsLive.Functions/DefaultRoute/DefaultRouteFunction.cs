using System.Net;
using System.Text;
using Amazon.Lambda.APIGatewayEvents;
using ImageLabelsLive.Aws.Serialization;
using ImageLabelsLive.Core.Connections;
using ImageLabelsLive.Functions.Hosting;

namespace ImageLabelsLive.Functions.DefaultRoute;

/// <summary>$default (static: it needs no AWS client): answers {"action":"ping"} with {"type":"pong"} through the route response; anything else gets a short error.</summary>
public static class DefaultRouteFunction
{
    public static Task<Stream> HandleAsync(Stream input) =>
        LambdaStreams.HandleAsync(input, LambdaJson.Default.APIGatewayProxyRequest, LambdaJson.Default.APIGatewayProxyResponse, HandleAsync);

    public static Task<APIGatewayProxyResponse> HandleAsync(APIGatewayProxyRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
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
        return Task.FromResult(WebSocketResponses.Status(HttpStatusCode.OK, Encoding.UTF8.GetString(ClientMessages.Reply(body))));
    }
}
