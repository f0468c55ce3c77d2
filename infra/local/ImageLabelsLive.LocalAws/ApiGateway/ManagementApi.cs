using System.Globalization;
using System.Net.WebSockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ImageLabelsLive.LocalAws.ApiGateway;

/// <summary>
/// API Gateway's management API for WebSocket connections (REST-JSON):
/// POST /@connections/{id} sends the body as one frame, GET describes it (connectedAt, identity, lastActiveAt), DELETE closes it;
/// an unknown id is 410 GoneException. Signed requests are accepted (any key). Faults queued in
/// <see cref="ManagementApiFaults"/> (a test hook) answer posts before they reach the socket.
/// </summary>
public static class ManagementApi
{
    public static IEndpointRouteBuilder MapLocalManagementApi(this IEndpointRouteBuilder endpoints, string pathPrefix)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var group = endpoints.MapGroup(pathPrefix + "/@connections");
        group.MapPost("/{connectionId}", PostAsync);
        group.MapGet("/{connectionId}", Get);
        group.MapDelete("/{connectionId}", Delete);
        return endpoints;
    }

    private static async Task<IResult> PostAsync(string connectionId, HttpContext context)
    {
        var options = context.RequestServices.GetRequiredService<WebSocketApiOptions>();
        if (context.RequestServices.GetRequiredService<ManagementApiFaults>().TakeFor(connectionId) is { } injected)
        {
            return new ManagementApiErrorResult(injected == 429 ? ManagementApiError.LimitExceeded() : ManagementApiError.InternalFailure(injected));
        }
        if (!context.RequestServices.GetRequiredService<WebSocketConnections>().TryGet(connectionId, out var connection))
        {
            return Gone();
        }
        var frame = await ReadFrameAsync(context.Request, options.MaxMessageBytes, context.RequestAborted).ConfigureAwait(false);
        if (frame is null)
        {
            return new ManagementApiErrorResult(ManagementApiError.PayloadTooLarge());
        }
        if (!connection.TrySend(frame))
        {
            // Closing, or so far behind that API Gateway would have dropped it too.
            return Gone();
        }
        return Results.Ok();
    }

    /// <summary>The body as one array, read straight into its exact size when Content-Length says it; null when over the limit.</summary>
    private static async Task<byte[]?> ReadFrameAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength is { } length)
        {
            if (length > maxBytes)
            {
                return null;
            }
            var frame = new byte[length];
            await request.Body.ReadExactlyAsync(frame, cancellationToken).ConfigureAwait(false);
            return frame;
        }
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, cancellationToken).ConfigureAwait(false);
        return body.Length > maxBytes ? null : body.ToArray();
    }

    private static IResult Get(string connectionId, HttpContext context)
    {
        if (!context.RequestServices.GetRequiredService<WebSocketConnections>().TryGet(connectionId, out var connection))
        {
            return Gone();
        }
        // The wire names are the model's locationNames: connectedAt, identity.sourceIp, lastActiveAt (ISO 8601).
        return Results.Json(new Dictionary<string, object>
        {
            ["connectedAt"] = Timestamp(connection.ConnectedAt),
            ["identity"] = new Dictionary<string, string> { ["sourceIp"] = connection.SourceIp, ["userAgent"] = connection.UserAgent },
            ["lastActiveAt"] = Timestamp(connection.LastActiveAt),
        });
    }

    private static IResult Delete(string connectionId, HttpContext context)
    {
        if (!context.RequestServices.GetRequiredService<WebSocketConnections>().TryGet(connectionId, out var connection))
        {
            return Gone();
        }
        connection.CloseAfterQueuedFrames(WebSocketCloseStatus.NormalClosure, "Closed by the management API");
        return Results.NoContent();
    }

    private static string Timestamp(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static ManagementApiErrorResult Gone() => new(ManagementApiError.Gone());
}
