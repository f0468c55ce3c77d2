using System.Diagnostics;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Amazon.DynamoDBv2.Model;
using ImageLabelsLive.Reliability.Tests.RunningStack;
using Xunit.Abstractions;

namespace ImageLabelsLive.Reliability.Tests;

/// <summary>
/// Half of a feed's connections vanish without a close, in the three ways that happen: the client's TCP connection is
/// torn down (the server notices), the client is still connected but never reads again (the server believes it alive
/// until its keep-alive ping goes unanswered for two intervals; 2 s each in this stack), and a connection
/// is still in the table with no socket at all (its $disconnect never ran). Live tabs still get every push, every dead
/// connection leaves the Connections table, and no stream batch fails.
/// </summary>
[Collection(FaultDrillAppGroup.Name)]
public sealed class StaleConnectionTests(FaultDrillApp stack, ITestOutputHelper output)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly AppClient client = new(stack);
    private readonly StackProbe probe = new(stack);

    [Fact]
    public async Task Push_HalfTheConnectionsVanishedWithoutClose_LiveTabsGetItDeadOnesAreDeletedNoBatchFails()
    {
        var feedId = AppClient.NewFeedId();
        var live = new List<(FeedSocket Tab, string Id)>();
        var aborted = new List<(FeedSocket Tab, string Id)>();
        var frozen = new List<(TcpClient Socket, string Id)>();
        try
        {
            for (var i = 0; i < 4; i++)
            {
                live.Add(await OpenAsync(feedId, () => client.OpenFeedAsync(feedId)));
            }
            for (var i = 0; i < 2; i++)
            {
                aborted.Add(await OpenAsync(feedId, () => client.OpenFeedAsync(feedId)));
                frozen.Add(await OpenAsync(feedId, () => OpenFrozenAsync(feedId)));
            }
            var ghosts = new[] { await AddGhostAsync(feedId), await AddGhostAsync(feedId) };
            var pushBefore = await probe.ConsumerAsync("PushResults");
            var failuresBefore = probe.StreamFailures().Count;

            foreach (var (tab, _) in aborted)
            {
                tab.Socket.Abort();
            }
            var clock = Stopwatch.StartNew();
            var ticket = await client.UploadAsync(feedId, "after-the-vanishing.png", TestImages.GradientPng());

            foreach (var (tab, _) in live)
            {
                foreach (var status in new[] { "uploading", "processing", "labeled" })
                {
                    await tab.WaitForAsync(FeedSocket.ImageStatus(ticket.ImageId, status), Patience);
                }
            }
            var pushedAfter = clock.Elapsed;
            var dead = aborted.Select(pair => (Kind: "aborted TCP", pair.Id)).Concat(frozen.Select(pair => (Kind: "never reads", pair.Id))).Concat(ghosts.Select(id => (Kind: "no socket", Id: id))).ToArray();
            var goneAfter = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);
            await AppClient.EventuallyAsync(async () =>
            {
                foreach (var (_, id) in dead)
                {
                    if (!goneAfter.ContainsKey(id) && !await probe.ConnectionExistsAsync(id))
                    {
                        goneAfter[id] = clock.Elapsed;
                    }
                }
                return goneAfter.Count == dead.Length;
            }, Patience);
            var pushAfter = await probe.ConsumerAsync("PushResults");
            var stillThere = new List<bool>();
            foreach (var (_, id) in live)
            {
                stillThere.Add(await probe.ConnectionExistsAsync(id));
            }

            output.WriteLine($"feed with {live.Count} live and {dead.Length} dead connections; every live tab had uploading, processing, labeled {pushedAfter.TotalSeconds:0.0} s after the upload");
            foreach (var kind in dead.GroupBy(pair => pair.Kind))
            {
                output.WriteLine($"{kind.Key}: {kind.Count()} deleted from the Connections table after {string.Join(", ", kind.Select(pair => $"{goneAfter[pair.Id].TotalSeconds:0.0} s"))}");
            }
            output.WriteLine($"PushResults for this image: {string.Join(" | ", stack.App.Log.Split('\n').Where(line => line.Contains($"[PushResultsFunction] {ticket.ImageId}", StringComparison.Ordinal)).Select(line => line.Trim()))}");
            output.WriteLine($"stream: {pushAfter.Retried - pushBefore.Retried} retries, {pushAfter.Failed - pushBefore.Failed} records given up, {probe.StreamFailures().Count - failuresBefore} new failure-destination entries");

            stillThere.ShouldAllBe(exists => exists, "live connections must stay in the table");
            (pushAfter.Retried - pushBefore.Retried).ShouldBe(0);
            (pushAfter.Failed - pushBefore.Failed).ShouldBe(0);
            probe.StreamFailures().Count.ShouldBe(failuresBefore);
        }
        finally
        {
            foreach (var (tab, _) in live.Concat(aborted))
            {
                await tab.DisposeAsync();
            }
            foreach (var (socket, _) in frozen)
            {
                socket.Dispose();
            }
        }
    }

    /// <summary>
    /// API Gateway opens a socket only after its $connect has returned, and answers 410 to posts for it until then. A push
    /// that lands in that window must not delete the connection $connect just stored, or the tab, once open, never gets
    /// another push. The window is widened to 2 s here (locally it is a few milliseconds; on AWS, the $connect duration).
    /// </summary>
    [Fact]
    public async Task Push_ToAConnectionStillOpening_DoesNotDeleteItAndItGetsLaterPushes()
    {
        var feedId = AppClient.NewFeedId();
        await using var open = await client.OpenFeedAsync(feedId);
        FeedSocket? opening = null;
        try
        {
            await probe.SetWebSocketOpenDelayAsync(TimeSpan.FromSeconds(2));
            var connecting = client.OpenFeedAsync(feedId);
            await AppClient.EventuallyAsync(async () => (await client.ConnectionIdsOfFeedAsync(feedId)).Count == 2, Patience);
            var first = await client.UploadAsync(feedId, "while-a-tab-opens.png", TestImages.GradientPng());
            await open.WaitForAsync(FeedSocket.ImageStatus(first.ImageId, "uploading"), Patience);
            opening = await connecting;
            await probe.SetWebSocketOpenDelayAsync(TimeSpan.Zero);
            await open.WaitForAsync(FeedSocket.ImageStatus(first.ImageId, "labeled"), Patience);

            var second = await client.UploadAsync(feedId, "after-it-opened.png", TestImages.GradientPng());
            await open.WaitForAsync(FeedSocket.ImageStatus(second.ImageId, "labeled"), Patience);
            var reached = await Reached(opening, second.ImageId);

            output.WriteLine($"PushResults while the second tab was opening: {string.Join(" | ", stack.App.Log.Split('\n').Where(line => line.Contains($"[PushResultsFunction] {first.ImageId} Uploading", StringComparison.Ordinal)).Select(line => line.Trim()))}");
            output.WriteLine($"the tab that was opening then got the next image's labeled push: {reached}; connections in the table: {(await client.ConnectionIdsOfFeedAsync(feedId)).Count}");
            reached.ShouldBeTrue("the tab that was still opening lost its connection entry, so it gets no pushes");
        }
        finally
        {
            await probe.SetWebSocketOpenDelayAsync(TimeSpan.Zero);
            if (opening is not null)
            {
                await opening.DisposeAsync();
            }
        }
    }

    private static async Task<bool> Reached(FeedSocket tab, string imageId)
    {
        try
        {
            await tab.WaitForAsync(FeedSocket.ImageStatus(imageId, "labeled"), TimeSpan.FromSeconds(10));
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    /// <summary>Opens a connection and learns its id: the one the feed's table entries gained.</summary>
    private async Task<(T Connection, string Id)> OpenAsync<T>(string feedId, Func<Task<T>> open)
    {
        var before = await client.ConnectionIdsOfFeedAsync(feedId);
        var connection = await open();
        string? id = null;
        await AppClient.EventuallyAsync(async () =>
        {
            id = (await client.ConnectionIdsOfFeedAsync(feedId)).Except(before, StringComparer.Ordinal).SingleOrDefault();
            return id is not null;
        }, Patience);
        return (connection, id!);
    }

    /// <summary>
    /// A client that completes the WebSocket handshake and then never reads again: the connection stays open, so the
    /// server takes posts for it, but pings go unanswered.
    /// </summary>
    private async Task<TcpClient> OpenFrozenAsync(string feedId)
    {
        var tcp = new TcpClient();
        await tcp.ConnectAsync(stack.BaseUrl.Host, stack.BaseUrl.Port);
        var stream = tcp.GetStream();
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        var request = $"GET /ws?feed={feedId} HTTP/1.1\r\nHost: {stack.BaseUrl.Authority}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        var response = new StringBuilder();
        var buffer = new byte[1];
        while (!response.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            if (await stream.ReadAsync(buffer) == 0)
            {
                throw new IOException($"The server closed the handshake: {response}");
            }
            response.Append((char)buffer[0]);
        }
        response.ToString().ShouldStartWith("HTTP/1.1 101");
        return tcp;
    }

    /// <summary>A Connections entry whose socket is long gone (its $disconnect never ran: the host crashed 10 minutes ago).</summary>
    private async Task<string> AddGhostAsync(string feedId)
    {
        var id = "ghost" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(6)).Replace('/', '_').Replace('+', '-') + "=";
        using var dynamoDb = probe.DynamoDb();
        await dynamoDb.PutItemAsync(new PutItemRequest
        {
            TableName = stack.Endpoints.ConnectionsTable,
            Item = new Dictionary<string, AttributeValue>
            {
                ["connectionId"] = new() { S = id },
                ["feedId"] = new() { S = feedId },
                ["connectedAt"] = new() { S = DateTimeOffset.UtcNow.AddMinutes(-10).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture) },
                ["expiresAt"] = new() { N = DateTimeOffset.UtcNow.AddHours(2).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture) },
            },
        });
        return id;
    }
}
