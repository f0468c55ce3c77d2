using System.Diagnostics;
using System.Net.WebSockets;

namespace ImageLabelsLive.Benchmarks.Harness;

/// <summary>
/// Many real ClientWebSocket tabs on one endpoint, each reading frames in its own loop. Every complete message
/// is handed to <c>onMessage</c> with its arrival time (Stopwatch timestamp), then counted.
/// </summary>
internal sealed class SocketSwarm : IAsyncDisposable
{
    public delegate void MessageHandler(int socket, long arrivedAt, ReadOnlySpan<byte> message);

    private readonly List<ClientWebSocket> sockets = [];
    private readonly List<Task> readers = [];
    private readonly CancellationTokenSource stopping = new();
    private readonly MessageHandler onMessage;
    private readonly Lock waitLock = new();
    private long received;
    private long waitingFor = long.MaxValue;
    private TaskCompletionSource? waiter;

    private SocketSwarm(MessageHandler onMessage) => this.onMessage = onMessage;

    public int Count => sockets.Count;

    public long Received => Interlocked.Read(ref received);

    /// <summary>Opens <paramref name="count"/> sockets, <paramref name="parallel"/> handshakes at a time.</summary>
    public static async Task<SocketSwarm> ConnectAsync(Uri uri, int count, int parallel, MessageHandler onMessage, CancellationToken cancellationToken)
    {
        var swarm = new SocketSwarm(onMessage);
        var opened = new ClientWebSocket[count];
        try
        {
            await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = parallel, CancellationToken = cancellationToken }, async (index, token) =>
            {
                var socket = new ClientWebSocket();
                socket.Options.KeepAliveInterval = TimeSpan.Zero;
                opened[index] = socket;
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(token);
                timeout.CancelAfter(TimeSpan.FromSeconds(60));
                await socket.ConnectAsync(uri, timeout.Token).ConfigureAwait(false);
            }).ConfigureAwait(false);
        }
        catch
        {
            foreach (var socket in opened.Where(socket => socket is not null))
            {
                socket.Abort();
                socket.Dispose();
            }
            throw;
        }
        for (var index = 0; index < count; index++)
        {
            swarm.sockets.Add(opened[index]);
            var socketIndex = index;
            swarm.readers.Add(Task.Run(() => swarm.ReadAsync(socketIndex, opened[socketIndex]), CancellationToken.None));
        }
        return swarm;
    }

    /// <summary>Completes when <see cref="Received"/> reaches <paramref name="total"/>; false if it did not within the timeout.</summary>
    public async Task<bool> WaitForAsync(long total, TimeSpan timeout)
    {
        Task wait;
        lock (waitLock)
        {
            if (Received >= total)
            {
                return true;
            }
            waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            waitingFor = total;
            wait = waiter.Task;
        }
        if (Received >= total)
        {
            return true;
        }
        var finished = await Task.WhenAny(wait, Task.Delay(timeout)).ConfigureAwait(false);
        lock (waitLock)
        {
            waitingFor = long.MaxValue;
            waiter = null;
        }
        return finished == wait || Received >= total;
    }

    /// <summary>Sends one text message on socket <paramref name="index"/>.</summary>
    public Task SendAsync(int index, ReadOnlyMemory<byte> message, CancellationToken cancellationToken) =>
        sockets[index].SendAsync(message, WebSocketMessageType.Text, endOfMessage: true, cancellationToken).AsTask();

    private async Task ReadAsync(int index, ClientWebSocket socket)
    {
        var buffer = new byte[8 * 1024];
        using var large = new MemoryStream();
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                var result = await socket.ReceiveAsync(buffer.AsMemory(), stopping.Token).ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }
                if (result.EndOfMessage && large.Length == 0)
                {
                    Deliver(index, buffer.AsSpan(0, result.Count));
                    continue;
                }
                large.Write(buffer, 0, result.Count);
                if (result.EndOfMessage)
                {
                    Deliver(index, large.GetBuffer().AsSpan(0, (int)large.Length));
                    large.SetLength(0);
                }
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or WebSocketException or ObjectDisposedException)
        {
            // Closing down, or the server went away: this tab stops counting.
        }
    }

    private void Deliver(int index, ReadOnlySpan<byte> message)
    {
        var arrivedAt = Stopwatch.GetTimestamp();
        onMessage(index, arrivedAt, message);
        var total = Interlocked.Increment(ref received);
        if (total >= Volatile.Read(ref waitingFor))
        {
            lock (waitLock)
            {
                waiter?.TrySetResult();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Parallel.ForEachAsync(sockets, new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (socket, _) =>
        {
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "benchmark done", timeout.Token).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is OperationCanceledException or WebSocketException or ObjectDisposedException)
            {
                socket.Abort();
            }
        }).ConfigureAwait(false);
        await stopping.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(readers).ConfigureAwait(false);
        foreach (var socket in sockets)
        {
            socket.Dispose();
        }
        stopping.Dispose();
    }
}
