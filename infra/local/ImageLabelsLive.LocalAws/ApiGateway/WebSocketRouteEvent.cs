using System.Globalization;
using System.Text.Json;
using Amazon.Lambda.APIGatewayEvents;
using Microsoft.AspNetCore.Http;

namespace ImageLabelsLive.LocalAws.ApiGateway;

/// <summary>
/// The route events API Gateway sends for one WebSocket connection ($connect, $default, $disconnect), request
/// context and all, as the functions' own <see cref="APIGatewayProxyRequest"/>.
/// </summary>
internal sealed class WebSocketRouteEvent(HttpContext context, WebSocketApiOptions options, string connectionId, DateTimeOffset connectedAt, string sourceIp, string userAgent)
{
    private readonly string domainName = context.Request.Host.Value ?? "127.0.0.1";
    private readonly Dictionary<string, string> headers = context.Request.Headers.ToDictionary(header => header.Key, header => header.Value.ToString(), StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string> query = context.Request.Query.ToDictionary(parameter => parameter.Key, parameter => parameter.Value.ToString(), StringComparer.Ordinal);

    public byte[] Connect()
    {
        var connect = Create("$connect", "CONNECT", body: null);
        connect.Headers = headers.Count > 0 ? headers : null;
        connect.QueryStringParameters = query.Count > 0 ? query : null;
        return Serialize(connect);
    }

    public byte[] Message(string body) =>
        Serialize(Create("$default", "MESSAGE", body, messageId: RequestIds.New()));

    public byte[] Disconnect(int statusCode, string reason)
    {
        var disconnect = Create("$disconnect", "DISCONNECT", body: null);
        disconnect.Headers = new Dictionary<string, string>(StringComparer.Ordinal) { ["Host"] = domainName };
        // API Gateway sends why the socket closed; APIGatewayProxyRequest has no members for it, so they are added here.
        var json = JsonSerializer.SerializeToNode(disconnect, ApiGatewayEventJson.Default.APIGatewayProxyRequest)!;
        json["requestContext"]!["disconnectStatusCode"] = statusCode;
        json["requestContext"]!["disconnectReason"] = reason;
        using var output = new MemoryStream();
        using (var writer = new Utf8JsonWriter(output))
        {
            json.WriteTo(writer);
        }
        return output.ToArray();
    }

    private APIGatewayProxyRequest Create(string routeKey, string eventType, string? body, string? messageId = null)
    {
        var now = DateTimeOffset.UtcNow;
        return new APIGatewayProxyRequest
        {
            RequestContext = new APIGatewayProxyRequest.ProxyRequestContext
            {
                RouteKey = routeKey,
                MessageId = messageId,
                EventType = eventType,
                ExtendedRequestId = RequestIds.New(),
                RequestTime = now.ToString("dd/MMM/yyyy:HH:mm:ss +0000", CultureInfo.InvariantCulture),
                MessageDirection = "IN",
                Stage = options.Stage,
                ConnectedAt = connectedAt.ToUnixTimeMilliseconds(),
                RequestTimeEpoch = now.ToUnixTimeMilliseconds(),
                Identity = new APIGatewayProxyRequest.RequestIdentity { SourceIp = sourceIp, UserAgent = userAgent },
                RequestId = RequestIds.New(),
                DomainName = domainName,
                ConnectionId = connectionId,
                ApiId = options.ApiId,
            },
            Body = body,
            IsBase64Encoded = false,
        };
    }

    private static byte[] Serialize(APIGatewayProxyRequest request) =>
        JsonSerializer.SerializeToUtf8Bytes(request, ApiGatewayEventJson.Default.APIGatewayProxyRequest);
}
