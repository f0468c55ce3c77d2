using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;

namespace ImageLabelsLive.Testing.LocalApp;

public sealed record UploadTicket(string ImageId, Uri UploadUrl, Dictionary<string, string> UploadHeaders, DateTimeOffset ExpiresAt);

/// <summary>A client that speaks only the documented web API (and reads the local mailbox), as the page or any other client would.</summary>
public sealed class AppClient
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly HttpClient http;
    private readonly Func<Uri> baseUrl;
    private readonly Func<StackEndpoints?> endpoints;

    /// <summary>The fixture's local app.</summary>
    public AppClient(LocalAppFixture stack)
    {
        ArgumentNullException.ThrowIfNull(stack);
        http = stack.Http;
        baseUrl = () => stack.BaseUrl;
        endpoints = () => stack.Endpoints;
    }

    /// <summary>A local host the caller started itself (the crash drills); the mailbox is found through /config.json.</summary>
    public AppClient(HttpClient http, Uri baseUrl)
    {
        this.http = http;
        this.baseUrl = () => baseUrl;
        endpoints = () => null;
    }

    private Uri Api(string path) => new(baseUrl(), "api/" + path.TrimStart('/'));

    public static string NewFeedId() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public async Task<UploadTicket> CreateUploadAsync(string feedId, string fileName, string contentType, long size)
    {
        using var response = await http.PostAsJsonAsync(Api("uploads"), new { feedId, fileName, contentType, size });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<UploadTicket>(Json))!;
    }

    public async Task<HttpResponseMessage> PutAsync(Uri url, byte[] bytes, string contentType)
    {
        using var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return await http.PutAsync(url, content);
    }

    /// <summary>Creates the upload and PUTs the bytes with exactly the headers the API gave.</summary>
    public async Task<UploadTicket> UploadAsync(string feedId, string fileName, byte[] bytes, string contentType = "image/png")
    {
        var ticket = await CreateUploadAsync(feedId, fileName, contentType, bytes.Length);
        using var put = await PutAsync(ticket.UploadUrl, bytes, ticket.UploadHeaders["Content-Type"]);
        put.StatusCode.ShouldBe(HttpStatusCode.OK, await put.Content.ReadAsStringAsync());
        return ticket;
    }

    public async Task<JsonElement> GetImageAsync(string imageId) =>
        await http.GetFromJsonAsync<JsonElement>(Api($"images/{imageId}"));

    public async Task<JsonElement> ListFeedAsync(string feedId) =>
        (await http.GetFromJsonAsync<JsonElement>(Api($"feeds/{feedId}/images"))).GetProperty("images");

    public async Task<FeedSocket> OpenFeedAsync(string feedId)
    {
        var socket = new ClientWebSocket();
        await socket.ConnectAsync(new Uri($"ws://{baseUrl().Authority}/ws?feed={Uri.EscapeDataString(feedId)}"), CancellationToken.None);
        return new FeedSocket(socket);
    }

    /// <summary>The feed's connection ids, read from the Connections table through the local DynamoDB endpoint.</summary>
    public async Task<IReadOnlyList<string>> ConnectionIdsOfFeedAsync(string feedId)
    {
        var stack = endpoints() ?? throw new InvalidOperationException("The connection ids are read through the fixture's endpoints.");
        using var dynamoDb = new AmazonDynamoDBClient(
            new BasicAWSCredentials("test", "test"),
            new AmazonDynamoDBConfig { ServiceURL = stack.Dynamodb, AuthenticationRegion = stack.Region });
        var query = new QueryRequest
        {
            TableName = stack.ConnectionsTable,
            IndexName = "feedId-index",
            KeyConditionExpression = "feedId = :feed",
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":feed"] = new() { S = feedId } },
        };
        // One full parallel run saw a transient ResourceNotFound here in the fault-drill collection, and it did not
        // recur alone; until its cause is known, a read that meets it is tried again a few times.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var response = await dynamoDb.QueryAsync(query);
                return (response.Items ?? []).Select(item => item["connectionId"].S).ToArray();
            }
            catch (ResourceNotFoundException) when (attempt < 5)
            {
                await Task.Delay(TimeSpan.FromSeconds(1));
            }
        }
    }

    /// <summary>Up to <paramref name="limit"/> of the feed's images, newest first (GET /api/feeds/{feedId}/images?limit=…).</summary>
    public async Task<JsonElement[]> ListImagesAsync(string feedId, int limit = 100)
    {
        var page = await http.GetFromJsonAsync<JsonElement>(Api($"feeds/{feedId}/images?limit={limit}"));
        return page.GetProperty("images").EnumerateArray().ToArray();
    }

    /// <summary>Polls until <paramref name="condition"/> holds; the pipeline is asynchronous by design.</summary>
    public static async Task EventuallyAsync(Func<Task<bool>> condition, TimeSpan? within = null)
    {
        var limit = within ?? TimeSpan.FromSeconds(45);
        if (!await WaitUntilAsync(condition, limit, TimeSpan.FromMilliseconds(200)))
        {
            throw new TimeoutException($"The condition did not hold within {limit.TotalSeconds} s.");
        }
    }

    /// <summary>Polls every <paramref name="poll"/> (100 ms unless given) until <paramref name="condition"/> holds (true) or <paramref name="within"/> has passed (false).</summary>
    public static async Task<bool> WaitUntilAsync(Func<Task<bool>> condition, TimeSpan within, TimeSpan? poll = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var deadline = System.Diagnostics.Stopwatch.StartNew();
        while (!await condition())
        {
            if (deadline.Elapsed > within)
            {
                return false;
            }
            await Task.Delay(poll ?? TimeSpan.FromMilliseconds(100));
        }
        return true;
    }

    /// <summary>The local mailbox's messages (maildev's REST API).</summary>
    public async Task<JsonElement[]> EmailsAsync() =>
        (await http.GetFromJsonAsync<JsonElement[]>(new Uri(await MailboxAsync(), "email")))!;

    /// <summary>
    /// The subjects of the local mailbox's messages. A message without one reads as "": maildev, killed with the host
    /// while it was writing a message, lists the torn file after a restart, and that is no delivered email.
    /// </summary>
    public async Task<IReadOnlyList<string>> EmailSubjectsAsync() =>
        (await EmailsAsync()).Select(e => e.TryGetProperty("subject", out var subject) ? subject.GetString() ?? "" : "").ToArray();

    private async Task<Uri> MailboxAsync()
    {
        if (endpoints() is { } stack)
        {
            return new Uri(stack.Mailbox);
        }
        var config = await http.GetFromJsonAsync<JsonElement>(new Uri(baseUrl(), "config.json"));
        return new Uri(config.GetProperty("mailboxUrl").GetString()!);
    }
}

/// <summary>An open feed socket that collects every message it receives.</summary>
public sealed class FeedSocket : IAsyncDisposable
{
    private readonly Channel<JsonElement> messages = Channel.CreateUnbounded<JsonElement>();
    private readonly List<JsonElement> seen = [];
    private readonly Task receiver;

    public FeedSocket(ClientWebSocket socket)
    {
        Socket = socket;
        receiver = ReceiveAsync();
    }

    public ClientWebSocket Socket { get; }

    public IReadOnlyList<JsonElement> Seen
    {
        get { lock (seen) { return seen.ToArray(); } }
    }

    public Task SendAsync(string text) => Socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None);

    /// <summary>Waits for the first message (already received or coming) that matches.</summary>
    public async Task<JsonElement> WaitForAsync(Func<JsonElement, bool> match, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        foreach (var message in Seen)
        {
            if (match(message))
            {
                return message;
            }
        }
        try
        {
            while (true)
            {
                var message = await messages.Reader.ReadAsync(cancel.Token);
                if (match(message))
                {
                    return message;
                }
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"No matching message within {timeout.TotalSeconds} s; received: {string.Join(" | ", Seen.Select(m => m.GetRawText()))}");
        }
    }

    public static Func<JsonElement, bool> ImageStatus(string imageId, string status) => message =>
        message.TryGetProperty("type", out var type) && type.GetString() == "image"
        && message.GetProperty("image").GetProperty("imageId").GetString() == imageId
        && message.GetProperty("image").GetProperty("status").GetString() == status;

    private async Task ReceiveAsync()
    {
        var buffer = new byte[256 * 1024];
        try
        {
            while (Socket.State == WebSocketState.Open)
            {
                var length = 0;
                WebSocketReceiveResult result;
                do
                {
                    result = await Socket.ReceiveAsync(new ArraySegment<byte>(buffer, length, buffer.Length - length), CancellationToken.None);
                    length += result.Count;
                }
                while (!result.EndOfMessage && result.MessageType != WebSocketMessageType.Close);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }
                var message = JsonDocument.Parse(buffer.AsMemory(0, length)).RootElement.Clone();
                lock (seen)
                {
                    seen.Add(message);
                }
                messages.Writer.TryWrite(message);
            }
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException)
        {
            // The server dropped us, or the test aborted the socket; tests that care look at Socket.State.
        }
        catch (ObjectDisposedException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Socket.State == WebSocketState.Open)
        {
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(3));
                await Socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", timeout.Token);
            }
            catch (Exception exception) when (exception is WebSocketException or OperationCanceledException)
            {
                Socket.Abort();
            }
        }
        await receiver;
        Socket.Dispose();
    }
}
