using System.Net;
using Amazon.Lambda.APIGatewayEvents;

namespace ImageLabelsLive.Functions.Hosting;

internal static class WebSocketResponses
{
    /// <summary>On $connect a non-2xx status refuses the upgrade; on $default the body is what the client receives.</summary>
    public static APIGatewayProxyResponse Status(HttpStatusCode status, string body) => new()
    {
        StatusCode = (int)status,
        Body = body,
    };

    /// <summary>A route event without requestContext.connectionId is not API Gateway's; it gets 400 and changes nothing.</summary>
    public static APIGatewayProxyResponse NoConnectionId => Status(HttpStatusCode.BadRequest, "The event has no requestContext.connectionId.");

    /// <summary>The event's connection id, or null when it has none.</summary>
    public static string? ConnectionIdOf(APIGatewayProxyRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return string.IsNullOrEmpty(request.RequestContext?.ConnectionId) ? null : request.RequestContext.ConnectionId;
    }
}
