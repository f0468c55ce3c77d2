namespace ImageLabelsLive.Functions.Catalog;

/// <summary>
/// A route of the WebSocket API: $connect, $disconnect or $default. A two-way route sends the function's
/// response body back to the caller (the pong).
/// </summary>
public sealed record WebSocketRoute(string RouteKey, bool TwoWay = false) : FunctionTrigger
{
    public const string Connect = "$connect";
    public const string Disconnect = "$disconnect";
    public const string Default = "$default";
}
