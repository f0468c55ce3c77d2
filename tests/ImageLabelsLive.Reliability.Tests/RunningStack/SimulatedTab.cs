using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text.Json;

namespace ImageLabelsLive.Reliability.Tests.RunningStack;

/// <summary>
/// A browser tab as the page behaves: it keeps its feed's socket open, reconnecting after a short pause whenever the
/// socket drops; on every (re)connect it catches up with GET /feeds/{id}/images?limit=100; and it merges catch-ups and
/// live pushes into one view, one entry per imageId, keeping the furthest status (the page's feed-merge rule).
/// </summary>
public sealed class SimulatedTab : IAsyncDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly LocalAppFixture stack;
    private readonly object gate = new();
    private readonly Dictionary<string, JsonElement> view = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource stopping = new();
    private readonly Random random;
    private ClientWebSocket? socket;
    private Task? life;
    private DateTime awayUntil = DateTime.MinValue;
    private int connects;
    private int drops;
    private int catchUps;
    private int pushes;
    private int stalePushes;
    private int foreignPushes;
    private int failedConnects;
    private bool caughtUpSinceConnect;

    public SimulatedTab(LocalAppFixture stack, string feedId, int seed)
    {
        this.stack = stack;
        FeedId = feedId;
        random = new Random(seed);
    }

    public string FeedId { get; }

    public int Connects => Volatile.Read(ref connects);

    /// <summary>Times the socket closed under the tab (server close, client abort, lost connection).</summary>
    public int Drops => Volatile.Read(ref drops);

    public int CatchUps => Volatile.Read(ref catchUps);

    /// <summary>Live image messages received.</summary>
    public int Pushes => Volatile.Read(ref pushes);

    /// <summary>Live messages that told the tab nothing new (a repeat, or older than what it already shows).</summary>
    public int StalePushes => Volatile.Read(ref stalePushes);

    /// <summary>Live messages about another feed's images: must stay zero.</summary>
    public int ForeignPushes => Volatile.Read(ref foreignPushes);

    public int FailedConnects => Volatile.Read(ref failedConnects);

    /// <summary>Whether the socket is open and a catch-up has completed since it opened.</summary>
    public bool IsLive
    {
        get
        {
            lock (gate)
            {
                return socket is { State: WebSocketState.Open } && caughtUpSinceConnect;
            }
        }
    }

    /// <summary>The tab's view: one record per image.</summary>
    public IReadOnlyDictionary<string, JsonElement> View
    {
        get
        {
            lock (gate)
            {
                return new Dictionary<string, JsonElement>(view, StringComparer.Ordinal);
            }
        }
    }

    /// <summary>Opens the tab: connects, catches up, and keeps doing so until disposed.</summary>
    public void Open() => life = Task.Run(LiveAsync);

    /// <summary>The client side of a drop: the socket is torn down without a close handshake; the tab reconnects.</summary>
    public void Abort(TimeSpan stayAway = default)
    {
        lock (gate)
        {
            awayUntil = DateTime.UtcNow + stayAway;
            socket?.Abort();
        }
    }

    private async Task LiveAsync()
    {
        var token = stopping.Token;
        while (!token.IsCancellationRequested)
        {
            try
            {
                var wait = awayUntil - DateTime.UtcNow;
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, token);
                }
                var ws = new ClientWebSocket();
                try
                {
                    await ws.ConnectAsync(stack.WebSocketUrl(FeedId), token);
                }
                catch (WebSocketException)
                {
                    Interlocked.Increment(ref failedConnects);
                    ws.Dispose();
                    await Task.Delay(random.Next(200, 600), token);
                    continue;
                }
                lock (gate)
                {
                    socket = ws;
                    caughtUpSinceConnect = false;
                }
                Interlocked.Increment(ref connects);
                var receiving = ReceiveAsync(ws);
                await CatchUpAsync(ws, token);
                await receiving;
                lock (gate)
                {
                    socket = null;
                }
                ws.Dispose();
                if (!token.IsCancellationRequested)
                {
                    Interlocked.Increment(ref drops);
                    await Task.Delay(random.Next(100, 500), token);
                }
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                return;
            }
        }
    }

    /// <summary>The page's catch-up: retried with a pause while the socket it belongs to is open.</summary>
    private async Task CatchUpAsync(ClientWebSocket ws, CancellationToken token)
    {
        while (ws.State == WebSocketState.Open && !token.IsCancellationRequested)
        {
            try
            {
                var answer = await stack.Http.GetFromJsonAsync<JsonElement>(stack.Api($"feeds/{FeedId}/images?limit=100"), Json, token);
                foreach (var image in answer.GetProperty("images").EnumerateArray())
                {
                    Merge(image.Clone(), live: false);
                }
                Interlocked.Increment(ref catchUps);
                lock (gate)
                {
                    if (ReferenceEquals(socket, ws))
                    {
                        caughtUpSinceConnect = true;
                    }
                }
                return;
            }
            catch (Exception exception) when (exception is HttpRequestException || (exception is TaskCanceledException && !token.IsCancellationRequested))
            {
                // The page retries a failed catch-up after a pause.
                await Task.Delay(300, token);
            }
        }
    }

    private async Task ReceiveAsync(ClientWebSocket ws)
    {
        var buffer = new byte[256 * 1024];
        try
        {
            while (ws.State == WebSocketState.Open)
            {
                var length = 0;
                WebSocketReceiveResult result;
                do
                {
                    result = await ws.ReceiveAsync(new ArraySegment<byte>(buffer, length, buffer.Length - length), CancellationToken.None);
                    length += result.Count;
                }
                while (!result.EndOfMessage && result.MessageType != WebSocketMessageType.Close);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }
                using var message = JsonDocument.Parse(buffer.AsMemory(0, length));
                if (message.RootElement.TryGetProperty("type", out var type) && type.GetString() == "image")
                {
                    Interlocked.Increment(ref pushes);
                    Merge(message.RootElement.GetProperty("image").Clone(), live: true);
                }
            }
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // Aborted by the tab, or the connection was lost: the tab reconnects.
        }
    }

    private void Merge(JsonElement image, bool live)
    {
        if (image.GetProperty("feedId").GetString() != FeedId)
        {
            Interlocked.Increment(ref foreignPushes);
            return;
        }
        var imageId = image.GetProperty("imageId").GetString()!;
        var status = image.GetProperty("status").GetString();
        lock (gate)
        {
            if (!view.TryGetValue(imageId, out var current))
            {
                view[imageId] = image;
                return;
            }
            var known = current.GetProperty("status").GetString();
            var newer = Statuses.Rank(status) > Statuses.Rank(known)
                || (status == known && string.CompareOrdinal(image.GetProperty("updatedAt").GetString(), current.GetProperty("updatedAt").GetString()) > 0);
            if (newer)
            {
                view[imageId] = image;
            }
            else if (live)
            {
                Interlocked.Increment(ref stalePushes);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        ClientWebSocket? open;
        lock (gate)
        {
            open = socket;
        }
        if (open is { State: WebSocketState.Open })
        {
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await open.CloseAsync(WebSocketCloseStatus.NormalClosure, "tab closed", timeout.Token);
            }
            catch (Exception exception) when (exception is WebSocketException or OperationCanceledException)
            {
                open.Abort();
            }
        }
        if (life is not null)
        {
            await life;
        }
        stopping.Dispose();
    }
}
