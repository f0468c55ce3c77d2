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
}
