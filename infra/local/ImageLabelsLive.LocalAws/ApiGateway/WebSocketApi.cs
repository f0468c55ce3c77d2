using System.Buffers;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using ImageLabelsLive.LocalAws.Lambda;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ImageLabelsLive.LocalAws.ApiGateway;

/// <summary>The WebSocket API's routes and limits, as configured on an API Gateway WebSocket API.</summary>
public sealed record WebSocketApiOptions
{
    public required string ConnectFunction { get; init; }
    public required string DisconnectFunction { get; init; }
    public required string DefaultFunction { get; init; }
    public string Stage { get; init; } = "local";
    public string ApiId { get; init; } = "local";

    /// <summary>API Gateway's frame limit is 128 KB; a bigger frame closes the socket with 1009.</summary>
    public int MaxMessageBytes { get; init; } = 128 * 1024;

    /// <summary>API Gateway closes a socket idle for 10 minutes.</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Pings that find clients which vanished without a close.</summary>
    public TimeSpan KeepAliveInterval { get; init; } = TimeSpan.FromSeconds(15);
}

/// <summary>
/// API Gateway's WebSocket API: $connect (a non-2xx answer refuses the upgrade with that status),
/// $default per message (its body, if any, is the route response), $disconnect on close or loss.
/// </summary>
public static class WebSocketApi
{
    public static IServiceCollection AddLocalWebSocketApi(this IServiceCollection services, WebSocketApiOptions options)
    {
        ArgumentNullException.ThrowIfNull(services);
        return services.AddSingleton(options).AddSingleton<WebSocketConnections>().AddSingleton<ManagementApiFaults>().AddSingleton<WebSocketFaults>();
    }

    public static IEndpointRouteBuilder MapLocalWebSocketApi(this IEndpointRouteBuilder endpoints, string path)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.Map(path, AcceptAsync);
        return endpoints;
    }

    private static async Task AcceptAsync(HttpContext context)
    {
        var options = context.RequestServices.GetRequiredService<WebSocketApiOptions>();
        var connections = context.RequestServices.GetRequiredService<WebSocketConnections>();
        var invoker = context.RequestServices.GetRequiredService<ILambdaInvoker>();
        var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("WebSocketApi");
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = 426;
            await context.Response.WriteAsync("Upgrade to a WebSocket here.").ConfigureAwait(false);
            return;
        }

        var connectionId = RequestIds.New()[..12] + "=";
        var connectedAt = DateTimeOffset.UtcNow;
        var sourceIp = context.Connection.RemoteIpAddress?.ToString() ?? "127.0.0.1";
        var userAgent = context.Request.Headers.UserAgent.ToString();
        var route = new WebSocketRouteEvent(context, options, connectionId, connectedAt, sourceIp, userAgent);

        int status;
        try
        {
            status = StatusOf(await invoker.InvokeAsync(options.ConnectFunction, route.Connect(), context.RequestAborted).ConfigureAwait(false));
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogError(exception, "$connect {ConnectionId} failed", connectionId);
            status = 500;
        }
        if (status is < 200 or > 299)
        {
            logger.LogInformation("$connect {ConnectionId} refused with {Status}", connectionId, status);
            context.Response.StatusCode = status;
            return;
        }

        if (context.RequestServices.GetRequiredService<WebSocketFaults>().OpenDelay is { Ticks: > 0 } openDelay)
        {
            // Stored by $connect, not yet open: posts to it answer 410 meanwhile, as API Gateway's do.
            await Task.Delay(openDelay, context.RequestAborted).ConfigureAwait(false);
        }
        using var socket = await context.WebSockets.AcceptWebSocketAsync(new WebSocketAcceptContext
        {
            KeepAliveInterval = options.KeepAliveInterval,
            // Twice the interval: a client starved of CPU (thousands of sockets on two cores) answers late but is alive.
            KeepAliveTimeout = options.KeepAliveInterval * 2,
        }).ConfigureAwait(false);
        using var connection = new WebSocketConnection(connectionId, socket, sourceIp, userAgent, connectedAt);
        connections.Add(connection);
        logger.LogInformation("$connect {ConnectionId} {Query}", connectionId, context.Request.QueryString.Value);
        var sender = connection.RunSenderAsync();
        try
        {
            await ReceiveAsync(connection, options, invoker, route, logger).ConfigureAwait(false);
        }
        finally
        {
            connections.Remove(connectionId);
            connection.Close(connection.CloseStatus, connection.CloseReason ?? "Client closed");
            await sender.ConfigureAwait(false);
            await CloseQuietlyAsync(connection).ConfigureAwait(false);
            try
            {
                await invoker.InvokeAsync(options.DisconnectFunction, route.Disconnect((int)connection.CloseStatus, connection.CloseReason ?? ""), CancellationToken.None).ConfigureAwait(false);
                logger.LogInformation("$disconnect {ConnectionId} ({Reason})", connectionId, connection.CloseReason ?? "closed");
            }
            catch (Exception exception)
            {
                logger.LogError(exception, "$disconnect {ConnectionId} failed", connectionId);
            }
        }
    }

    private static async Task ReceiveAsync(WebSocketConnection connection, WebSocketApiOptions options, ILambdaInvoker invoker, WebSocketRouteEvent route, ILogger logger)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(options.MaxMessageBytes + 1);
        try
        {
            while (connection.Socket.State == WebSocketState.Open)
            {
                using var idle = CancellationTokenSource.CreateLinkedTokenSource(connection.Closing);
                idle.CancelAfter(options.IdleTimeout);
                var length = 0;
                WebSocketReceiveResult result;
                do
                {
                    if (length > options.MaxMessageBytes)
                    {
                        connection.Close(WebSocketCloseStatus.MessageTooBig, "Message too big");
                        return;
                    }
                    try
                    {
                        result = await connection.Socket.ReceiveAsync(new ArraySegment<byte>(buffer, length, buffer.Length - length), idle.Token).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException) when (!connection.Closing.IsCancellationRequested)
                    {
                        connection.Close(WebSocketCloseStatus.EndpointUnavailable, "Going away (idle timeout)");
                        return;
                    }
                    catch (Exception exception) when (exception is OperationCanceledException or WebSocketException)
                    {
                        if (connection.CloseReason is null)
                        {
                            connection.Close(WebSocketCloseStatus.EndpointUnavailable, "Connection lost");
                        }
                        return;
                    }
                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        connection.Close(result.CloseStatus ?? WebSocketCloseStatus.NormalClosure, result.CloseStatusDescription ?? "Client closed");
                        return;
                    }
                    length += result.Count;
                }
                while (!result.EndOfMessage);
                if (length > options.MaxMessageBytes)
                {
                    connection.Close(WebSocketCloseStatus.MessageTooBig, "Message too big");
                    return;
                }
                connection.LastActiveAt = DateTimeOffset.UtcNow;
                var body = Encoding.UTF8.GetString(buffer, 0, length);
                try
                {
                    var answer = await invoker.InvokeAsync(options.DefaultFunction, route.Message(body), connection.Closing).ConfigureAwait(false);
                    if (BodyOf(answer) is { Length: > 0 } reply)
                    {
                        connection.TrySend(Encoding.UTF8.GetBytes(reply));
                    }
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    logger.LogError(exception, "$default {ConnectionId} failed", connection.ConnectionId);
                    connection.TrySend("{\"message\": \"Internal server error\"}"u8.ToArray());
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static async Task CloseQuietlyAsync(WebSocketConnection connection)
    {
        if (connection.Socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
        {
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await connection.Socket.CloseAsync(connection.CloseStatus, connection.CloseReason, timeout.Token).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is OperationCanceledException or WebSocketException)
            {
                connection.Socket.Abort();
            }
        }
    }

    private static int StatusOf(byte[] answer)
    {
        using var document = JsonDocument.Parse(answer);
        return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("statusCode", out var status)
            ? status.GetInt32()
            : 200;
    }

    private static string? BodyOf(byte[] answer)
    {
        using var document = JsonDocument.Parse(answer);
        return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("body", out var body) && body.ValueKind == JsonValueKind.String
            ? body.GetString()
            : null;
    }
}
