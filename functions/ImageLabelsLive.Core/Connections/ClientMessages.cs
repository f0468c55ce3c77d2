using System.Text.Json;
using ImageLabelsLive.Core.Images;
using ImageLabelsLive.Core.Web;

namespace ImageLabelsLive.Core.Connections;

/// <summary>
/// $default: what a page may send over its socket. Only {"action":"ping"} exists (API Gateway drops
/// sockets idle for 10 minutes); anything else gets a short error message, never a crash.
/// </summary>
public static class ClientMessages
{
    public static byte[] Reply(string? body)
    {
        ClientMessage? message = null;
        try
        {
            message = string.IsNullOrWhiteSpace(body) ? null : JsonSerializer.Deserialize(body, WebJson.Default.ClientMessage);
        }
        catch (Exception exception) when (exception is JsonException or ArgumentException)
        {
            // ArgumentException: text that is not even valid UTF-16 (a lone surrogate) cannot be JSON either.
            return ErrorReply("InvalidMessage", "Messages are JSON objects such as {\"action\":\"ping\"}.");
        }
        return message?.Action switch
        {
            "ping" => JsonSerializer.SerializeToUtf8Bytes(new PongMessage(), WebJson.Default.PongMessage),
            null => ErrorReply("InvalidMessage", "Messages are JSON objects such as {\"action\":\"ping\"}."),
            _ => ErrorReply("UnknownAction", "The only action is \"ping\"."),
        };
    }

    /// <summary>What a client over <see cref="ConnectionMessageLimit"/> receives just before its socket is closed.</summary>
    public static byte[] TooManyMessages { get; } = ErrorReply(
        "TooManyMessages",
        $"This connection sent more than {ConnectionMessageLimit.PerSecond} messages in one second and is being closed. Reconnect, and send at most {ConnectionMessageLimit.PerSecond} a second (a ping every few minutes keeps a socket open).");

    private static byte[] ErrorReply(string code, string message) =>
        JsonSerializer.SerializeToUtf8Bytes(new ErrorMessage(new ImageError(code, message)), WebJson.Default.ErrorMessage);
}
