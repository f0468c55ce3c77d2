namespace ImageLabelsLive.LocalAws.ApiGateway;

/// <summary>
/// Fault injection for the WebSocket endpoint, a test hook that stays at zero unless the host sets it: how long a socket
/// takes to open after its $connect succeeded. API Gateway opens a connection only once the $connect integration has
/// returned, and answers posts to it with 410 until then; a delay widens that window so its effects can be tested.
/// </summary>
public sealed class WebSocketFaults
{
    private long openDelayTicks;

    public TimeSpan OpenDelay
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref openDelayTicks));
        set => Interlocked.Exchange(ref openDelayTicks, Math.Max(0, value.Ticks));
    }
}
