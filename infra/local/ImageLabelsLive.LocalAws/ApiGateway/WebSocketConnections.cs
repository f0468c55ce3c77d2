using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Threading.Channels;

namespace ImageLabelsLive.LocalAws.ApiGateway;

/// <summary>
/// One client socket as API Gateway tracks it. Frames to the client go through a queue with one
/// writer, so posts from many callers never interleave and a slow client never blocks a caller.
/// </summary>
public sealed class WebSocketConnection : IDisposable
{
    private const int MaxQueuedFrames = 1024;
    private readonly Channel<byte[]> outbound = Channel.CreateBounded<byte[]>(new BoundedChannelOptions(MaxQueuedFrames) { SingleReader = true, FullMode = BoundedChannelFullMode.DropWrite });
    private readonly CancellationTokenSource closing = new();

    internal WebSocketConnection(string connectionId, WebSocket socket, string sourceIp, string userAgent, DateTimeOffset connectedAt)
    {
        ConnectionId = connectionId;
        Socket = socket;
        SourceIp = sourceIp;
        UserAgent = userAgent;
        ConnectedAt = connectedAt;
        LastActiveAt = connectedAt;
    }

    public string ConnectionId { get; }
    public string SourceIp { get; }
    public string UserAgent { get; }
    public DateTimeOffset ConnectedAt { get; }
    public DateTimeOffset LastActiveAt { get; internal set; }
    internal WebSocket Socket { get; }
    internal CancellationToken Closing => closing.Token;
    internal string? CloseReason { get; private set; }
    internal WebSocketCloseStatus CloseStatus { get; private set; } = WebSocketCloseStatus.NormalClosure;

    /// <summary>Queues a text frame; false when the socket is closing or its queue is full.</summary>
    public bool TrySend(byte[] frame) => !closing.IsCancellationRequested && outbound.Writer.TryWrite(frame);

    /// <summary>
    /// DELETE @connections: the frames already posted go out first and then the connection closes, as a post that API
    /// Gateway answered before the delete reaches its client.
    /// </summary>
    public void CloseAfterQueuedFrames(WebSocketCloseStatus status, string reason)
    {
        CloseStatus = status;
        CloseReason = reason;
        // The sender sees the queue end, sends what is left, then cancels Closing (which ends the receive loop).
        if (!outbound.Writer.TryComplete())
        {
            closing.Cancel();
        }
    }

    /// <summary>Asks the connection to close at once (idle timeout, oversize frame, shutdown).</summary>
    public void Close(WebSocketCloseStatus status, string reason)
    {
        CloseStatus = status;
        CloseReason = reason;
        outbound.Writer.TryComplete();
        closing.Cancel();
    }

    internal async Task RunSenderAsync()
    {
        try
        {
            await foreach (var frame in outbound.Reader.ReadAllAsync(closing.Token).ConfigureAwait(false))
            {
                await Socket.SendAsync(frame, WebSocketMessageType.Text, endOfMessage: true, closing.Token).ConfigureAwait(false);
            }
            // The queue was completed by CloseAfterQueuedFrames (or by Close, which has already cancelled).
            await closing.CancelAsync().ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is OperationCanceledException or WebSocketException or ObjectDisposedException)
        {
            // The receive loop notices the broken socket and runs $disconnect.
        }
    }

    public void Dispose() => closing.Dispose();
}

/// <summary>The open sockets by connection id, shared by the WebSocket API and its @connections management API.</summary>
public sealed class WebSocketConnections
{
    private readonly ConcurrentDictionary<string, WebSocketConnection> open = new(StringComparer.Ordinal);

    public int Count => open.Count;

    public bool TryGet(string connectionId, out WebSocketConnection connection) => open.TryGetValue(connectionId, out connection!);

    internal void Add(WebSocketConnection connection) => open[connection.ConnectionId] = connection;

    internal void Remove(string connectionId) => open.TryRemove(connectionId, out _);

    /// <summary>Closes every socket, as when the host stops.</summary>
    public void CloseAll()
    {
        foreach (var connection in open.Values)
        {
            connection.Close(WebSocketCloseStatus.EndpointUnavailable, "Going away");
        }
    }
}
