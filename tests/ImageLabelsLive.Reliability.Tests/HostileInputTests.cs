using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using ImageLabelsLive.Reliability.Tests.RunningStack;
using Xunit.Abstractions;

namespace ImageLabelsLive.Reliability.Tests;

/// <summary>
/// Hostile input against the real stack. Each input must get a clear error (a 4xx with a code or message, a refused
/// upgrade, a closed socket) or end as a clean "failed" with a reason a person can read, and nothing else may be
/// affected: after each group another tab still pings, uploads and gets its labels. Each test reports N tried, N handled.
/// </summary>
[Collection(PlainAppGroup.Name)]
public sealed class HostileInputTests(PlainApp stack, ITestOutputHelper output)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly AppClient client = new(stack);
    private readonly StackProbe probe = new(stack);

    [Fact]
    public async Task UploadRequest_HostileBodies_EachGets400WithItsCode()
    {
        var tally = new HostileTally(output, "POST /uploads: malformed JSON, content types, sizes, feed ids");
        var feedId = AppClient.NewFeedId();
        string Upload(string? feed = null, string contentType = "image/png", object? size = null, bool withSize = true) =>
            withSize
                ? JsonSerializer.Serialize(new { feedId = feed ?? feedId, fileName = "a.png", contentType, size = size ?? 1000 })
                : JsonSerializer.Serialize(new { feedId = feed ?? feedId, fileName = "a.png", contentType });
        var valid = Upload();
        var cases = new (string Name, byte[] Body, string Code)[]
        {
            ("truncated JSON", Utf8("{\"feedId\": \"" + feedId), "InvalidRequest"),
            ("not JSON at all", Utf8("feedId=x&size=1"), "InvalidRequest"),
            ("empty body", [], "InvalidRequest"),
            ("JSON array", Utf8("[]"), "InvalidRequest"),
            ("JSON null", Utf8("null"), "InvalidRequest"),
            ("JSON string", Utf8("\"image\""), "InvalidRequest"),
            ("number for feedId", Utf8("{\"feedId\": 1, \"fileName\": \"a.png\", \"contentType\": \"image/png\", \"size\": 10}"), "InvalidRequest"),
            ("trailing garbage", Utf8(valid + " xyz"), "InvalidRequest"),
            ("nested 1,000 deep", Utf8(new string('[', 1000) + new string(']', 1000)), "InvalidRequest"),
            ("size 1e400", Utf8(valid.Replace("1000", "1e400", StringComparison.Ordinal)), "InvalidRequest"),
            ("fractional size", Utf8(valid.Replace("1000", "12.5", StringComparison.Ordinal)), "InvalidRequest"),
            ("invalid UTF-8", [0xFF, 0xFE, 0x7B, 0xC3, 0x28], "InvalidRequest"),
            ("GIF", Utf8(Upload(contentType: "image/gif")), "UnsupportedContentType"),
            ("SVG", Utf8(Upload(contentType: "image/svg+xml")), "UnsupportedContentType"),
            ("HTML", Utf8(Upload(contentType: "text/html")), "UnsupportedContentType"),
            ("octet-stream", Utf8(Upload(contentType: "application/octet-stream")), "UnsupportedContentType"),
            ("no content type", Utf8(Upload(contentType: "")), "UnsupportedContentType"),
            ("16 MB", Utf8(Upload(size: 16 * 1024 * 1024)), "TooLarge"),
            ("15 MB + 1 B", Utf8(Upload(size: (15 * 1024 * 1024) + 1)), "TooLarge"),
            ("size 0", Utf8(Upload(size: 0)), "EmptyFile"),
            ("negative size", Utf8(Upload(size: -5)), "EmptyFile"),
            ("no size", Utf8(Upload(withSize: false)), "InvalidSize"),
            ("feed id with a path", Utf8(Upload(feed: "../../etc/passwd")), "InvalidFeedId"),
            ("feed id with slashes", Utf8(Upload(feed: "AAAA/BBBB/CCCC/DDDD")), "InvalidFeedId"),
            ("feed id with quotes", Utf8(Upload(feed: "AAAA\"BBBB'CCCC<DD>")), "InvalidFeedId"),
            ("feed id of 10 KB", Utf8(Upload(feed: new string('A', 10 * 1024))), "InvalidFeedId"),
            ("feed id with a right-to-left override", Utf8(Upload(feed: "AAAAAAAAAAAAAAAAAAAA\u202E")), "InvalidFeedId"),
            ("empty feed id", Utf8(Upload(feed: "")), "InvalidFeedId"),
        };
        foreach (var (name, body, code) in cases)
        {
            await tally.CheckAsync(name, async () =>
            {
                using var content = new ByteArrayContent(body);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                using var response = await stack.Http.PostAsync(stack.Api("uploads"), content);
                return await ProblemWithErrorAsync(response, HttpStatusCode.BadRequest, code);
            });
        }

        tally.Report();
        await AnotherTabStillWorksAsync();
    }

    [Fact]
    public async Task ReadRoutesAndSocket_HostileIds_EachGetsAClearError()
    {
        var tally = new HostileTally(output, "GET /feeds, GET /images, ?limit=, WebSocket ?feed=");
        var longId = new string('A', 10 * 1024);
        foreach (var feed in new[] { "..%2F..%2Fetc%2Fpasswd", "%2e%2e", "AAAA%2FBBBB%2FCCCC%2FDDDD", "AAAA%22BBBB%27CCCC%3CDD%3E", "AAAAAAAAAAAAAAAAAAAA%E2%80%AE", "AAAAAAAAAAAAAAAAAAAAAA%00", longId })
        {
            await tally.CheckAsync($"GET /feeds/{Shorten(feed)}/images", async () =>
            {
                using var response = await stack.Http.GetAsync(stack.Api($"feeds/{feed}/images"));
                return await ProblemWithClearErrorAsync(response);
            });
        }
        foreach (var image in new[] { "..%2F..%2Fx", "0123", "%3Cscript%3E", "0123456789ABCDEF0123456789ABCDEF", longId })
        {
            await tally.CheckAsync($"GET /images/{Shorten(image)}", async () =>
            {
                using var response = await stack.Http.GetAsync(stack.Api($"images/{image}"));
                return response.StatusCode == HttpStatusCode.RequestUriTooLong ? null : await ProblemWithErrorAsync(response, HttpStatusCode.NotFound, "ImageNotFound");
            });
        }
        var feedId = AppClient.NewFeedId();
        foreach (var limit in new[] { "0", "101", "-1", "abc", "1e3", "", "99999999999999999999" })
        {
            await tally.CheckAsync($"?limit={limit}", async () =>
            {
                using var response = await stack.Http.GetAsync(stack.Api($"feeds/{feedId}/images?limit={limit}"));
                return await ProblemWithErrorAsync(response, HttpStatusCode.BadRequest, "InvalidLimit");
            });
        }
        foreach (var feed in new[] { "", "short", "..%2F..%2Fetc%2Fpasswd", "AAAA%22BBBB%27CCCC%3CDD%3E", longId })
        {
            await tally.CheckAsync($"WebSocket ?feed={Shorten(feed)}", async () =>
            {
                using var socket = new ClientWebSocket();
                socket.Options.CollectHttpResponseDetails = true;
                try
                {
                    await socket.ConnectAsync(new Uri($"ws://{stack.BaseUrl.Authority}/ws?feed={feed}"), CancellationToken.None);
                    return "the upgrade was accepted";
                }
                catch (WebSocketException)
                {
                    return socket.HttpStatusCode is HttpStatusCode.BadRequest or HttpStatusCode.RequestUriTooLong ? null : $"refused with {socket.HttpStatusCode}";
                }
            });
        }

        tally.Report();
        await AnotherTabStillWorksAsync();
    }

    [Fact]
    public async Task Upload_HostileFileNames_AreStoredAsCleanDisplayTextOnly()
    {
        var tally = new HostileTally(output, "file names: traversal, control characters, RTL override, HTML, 10 KB");
        var feedId = AppClient.NewFeedId();
        await using var tab = await client.OpenFeedAsync(feedId);
        var names = new[]
        {
            "../../../etc/passwd",
            "..\\..\\windows\\win.ini",
            "/absolute/path.png",
            "line\r\nbreak\u0000null\ttab.png",
            "invoice\u202Egnp.exe",
            "<script>alert(document.cookie)</script>.png",
            "<img src=x onerror=alert(1)>.png",
            "\"quoted\" 'name' & more.png",
            new string('A', 10 * 1024) + ".png",
            "\u200B\u200E\u2066",
            "   ",
        };
        var png = TestImages.GradientPng();
        foreach (var name in names)
        {
            await tally.CheckAsync($"\"{Printable(Shorten(name))}\"", async () =>
            {
                var ticket = await client.UploadAsync(feedId, name, png);
                var record = (await probe.WaitForFinalAsync(feedId, [ticket.ImageId], Patience))[ticket.ImageId];
                var shown = record.GetProperty("fileName").GetString() ?? "";
                var pushed = await tab.WaitForAsync(FeedSocket.ImageStatus(ticket.ImageId, "labeled"), Patience);
                return record.GetProperty("status").GetString() != "labeled" ? $"ended {record.GetProperty("status").GetString()}"
                    : shown.Length is 0 or > 255 ? $"display name of {shown.Length} characters"
                    : shown.Any(IsHiddenOrControl) ? $"display name keeps a control or format character: {Printable(shown)}"
                    : pushed.GetProperty("image").GetProperty("fileName").GetString() != shown ? "the push shows another name than the API"
                    : !ticket.UploadUrl.AbsolutePath.EndsWith($"/uploads/{feedId}/{ticket.ImageId}", StringComparison.Ordinal) ? $"object key is not built from ids: {ticket.UploadUrl.AbsolutePath}"
                    : null;
            });
        }
        await tally.CheckAsync("nothing outside uploads/{feed}/{imageId} on disk", () =>
        {
            var strays = Directory.EnumerateFileSystemEntries(stack.App.DataDirectory, "*", SearchOption.AllDirectories)
                .Where(path => path.Contains("passwd", StringComparison.Ordinal) || path.Contains("win.ini", StringComparison.Ordinal) || path.Contains('<') || path.Contains("absolute", StringComparison.Ordinal))
                .ToArray();
            return Task.FromResult(strays.Length == 0 ? null : $"found {string.Join(", ", strays)}");
        });
        await tally.CheckAsync("email subjects stay one clean line", async () =>
        {
            JsonElement[] emails = [];
            await AppClient.EventuallyAsync(async () =>
            {
                emails = (await client.EmailsAsync()).Where(email => (email.GetProperty("text").GetString() ?? "").Contains(feedId, StringComparison.Ordinal)).ToArray();
                return emails.Length == names.Length;
            }, Patience);
            var bad = emails.Select(email => email.GetProperty("subject").GetString() ?? "").Where(subject => subject.Any(IsHiddenOrControl) || subject.Length > 100).ToArray();
            return bad.Length == 0 ? null : $"subjects {string.Join(" | ", bad.Select(Printable))}";
        });

        tally.Report();
        await AnotherTabStillWorksAsync();
    }

    [Fact]
    public async Task Upload_HostileContent_FailsCleanlyWithAReason()
    {
        var tally = new HostileTally(output, "content: ../shared/images/invalid, lying sizes, 16 MB, GIF/SVG/HTML bytes");
        var feedId = AppClient.NewFeedId();
        var png = TestImages.GradientPng(160, 160);
        var files = new List<(string Name, byte[] Bytes, string ContentType, string Expected)>
        {
            ("notes.png", "plain text, not an image"u8.ToArray(), "image/png", "NotAnImage"),
            ("page.png", "<!doctype html><html><script>alert(1)</script></html>"u8.ToArray(), "image/png", "NotAnImage"),
            ("drawing.png", "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"u8.ToArray(), "image/png", "NotAnImage"),
            ("animation.jpg", [.. "GIF89a"u8, .. new byte[64]], "image/jpeg", "NotAnImage"),
            ("half.png", png[..(png.Length / 2)], "image/png", "InvalidImageFormat"),
        };
        if (SharedData.Directory is not null)
        {
            foreach (var path in Directory.EnumerateFiles(SharedData.PathOf("images", "invalid")).Order(StringComparer.Ordinal))
            {
                var name = Path.GetFileName(path);
                // A PNG named .jpg is an image: sniffing the bytes, not the name, is the point of that file.
                files.Add((name, File.ReadAllBytes(path), "image/jpeg", name.StartsWith("png_bytes", StringComparison.Ordinal) ? "labeled" : name.StartsWith("not_an_image", StringComparison.Ordinal) ? "NotAnImage" : "InvalidImageFormat"));
            }
        }
        else
        {
            output.WriteLine(SharedData.SkipReason + " The generated hostile files still run.");
        }
        foreach (var (name, bytes, contentType, expected) in files)
        {
            await tally.CheckAsync(name, async () =>
            {
                if (bytes.Length == 0)
                {
                    using var post = await stack.Http.PostAsJsonAsync(stack.Api("uploads"), new { feedId, fileName = name, contentType, size = 0 });
                    return await ProblemWithErrorAsync(post, HttpStatusCode.BadRequest, "EmptyFile");
                }
                var ticket = await client.UploadAsync(feedId, name, bytes, contentType);
                return await ProblemWithOutcomeAsync(feedId, ticket.ImageId, expected);
            });
        }
        await tally.CheckAsync("declared 100 B more than sent", async () =>
        {
            var ticket = await client.CreateUploadAsync(feedId, "bigger-on-paper.png", "image/png", png.Length + 100);
            using var put = await client.PutAsync(ticket.UploadUrl, png, "image/png");
            return put.StatusCode != HttpStatusCode.OK ? $"PUT answered {put.StatusCode}" : await ProblemWithOutcomeAsync(feedId, ticket.ImageId, "SizeMismatch");
        });
        await tally.CheckAsync("declared 100 B less than sent", async () =>
        {
            var ticket = await client.CreateUploadAsync(feedId, "smaller-on-paper.png", "image/png", png.Length - 100);
            using var put = await client.PutAsync(ticket.UploadUrl, png, "image/png");
            return put.StatusCode != HttpStatusCode.OK ? $"PUT answered {put.StatusCode}" : await ProblemWithOutcomeAsync(feedId, ticket.ImageId, "SizeMismatch");
        });
        await tally.CheckAsync("16 MB sent on a 1 KB ticket", async () =>
        {
            var ticket = await client.CreateUploadAsync(feedId, "huge.png", "image/png", 1024);
            var huge = new byte[(16 * 1024 * 1024) + 1];
            png.CopyTo(huge, 0);
            using var put = await client.PutAsync(ticket.UploadUrl, huge, "image/png");
            return put.StatusCode is HttpStatusCode.RequestEntityTooLarge or HttpStatusCode.BadRequest && (await put.Content.ReadAsStringAsync()).Contains("<Code>", StringComparison.Ordinal)
                ? null
                : $"PUT answered {put.StatusCode}";
        });
        await tally.CheckAsync("HTML sent with its own content type on a PNG ticket", async () =>
        {
            var ticket = await client.CreateUploadAsync(feedId, "page.png", "image/png", 60);
            using var put = await client.PutAsync(ticket.UploadUrl, new byte[60], "text/html");
            return put.StatusCode == HttpStatusCode.Forbidden ? null : $"PUT answered {put.StatusCode}";
        });

        tally.Report();
        await AnotherTabStillWorksAsync();
    }

    [Fact]
    public async Task PresignedUrl_Misused_IsRefusedAndChangesNothing()
    {
        var tally = new HostileTally(output, "presigned PUT: expired reuse, tampered, other key, other type, longer expiry");
        var feedId = AppClient.NewFeedId();
        var png = TestImages.GradientPng();
        var fileName = $"once-{Guid.NewGuid():N}.png";
        var used = await client.UploadAsync(feedId, fileName, png);
        var other = await client.CreateUploadAsync(feedId, "other.png", "image/png", png.Length);
        await probe.WaitForFinalAsync(feedId, [used.ImageId], Patience);
        var url = used.UploadUrl.ToString();

        await tally.CheckAsync("tampered signature", () => RefusedAsync(new Uri(Tamper(url)), "image/png", "SignatureDoesNotMatch"));
        await tally.CheckAsync("used for another image's key", () => RefusedAsync(new Uri(url.Replace(used.ImageId, other.ImageId, StringComparison.Ordinal)), "image/png", "SignatureDoesNotMatch"));
        await tally.CheckAsync("used for another feed's key", () => RefusedAsync(new Uri(url.Replace(feedId, AppClient.NewFeedId(), StringComparison.Ordinal)), "image/png", "SignatureDoesNotMatch"));
        await tally.CheckAsync("another content type", () => RefusedAsync(used.UploadUrl, "image/jpeg", "SignatureDoesNotMatch"));
        await tally.CheckAsync("expiry stretched to 7 days", () => RefusedAsync(new Uri(url.Replace($"X-Amz-Expires={(int)LocalAppFixture.UploadUrlLifetime.TotalSeconds}", "X-Amz-Expires=604800", StringComparison.Ordinal)), "image/png", "SignatureDoesNotMatch"));
        await tally.CheckAsync("reused before expiry (S3 takes it; the image changes nothing)", async () =>
        {
            using var again = await client.PutAsync(used.UploadUrl, png, "image/png");
            await Task.Delay(TimeSpan.FromSeconds(2));
            var record = await client.GetImageAsync(used.ImageId);
            return again.StatusCode != HttpStatusCode.OK ? $"PUT answered {again.StatusCode}"
                : record.GetProperty("status").GetString() != "labeled" ? $"the image is now {record.GetProperty("status").GetString()}"
                : null;
        });
        var expiry = used.ExpiresAt - DateTimeOffset.UtcNow + TimeSpan.FromSeconds(1.5);
        if (expiry > TimeSpan.Zero)
        {
            await Task.Delay(expiry);
        }
        await tally.CheckAsync("reused after expiry", () => RefusedAsync(used.UploadUrl, "image/png", "AccessDenied"));
        await tally.CheckAsync("one email despite the reuse", async () =>
        {
            var count = (await client.EmailsAsync()).Count(email => (email.GetProperty("subject").GetString() ?? "").Contains(fileName, StringComparison.Ordinal));
            return count == 1 ? null : $"{count} emails";
        });

        tally.Report();
        await AnotherTabStillWorksAsync();
    }

    [Fact]
    public async Task WebSocket_FramesOver128KB_AreClosedWith1009AndOthersAreUnaffected()
    {
        var tally = new HostileTally(output, "WebSocket frames over 128 KB and odd frames");
        var feedId = AppClient.NewFeedId();
        await using var bystander = await client.OpenFeedAsync(feedId);
        const int Limit = 128 * 1024;

        await tally.CheckAsync("one text frame of 128 KB + 1", () => ClosedWithAsync(feedId, socket => socket.SendAsync(new byte[Limit + 1], WebSocketMessageType.Text, true, CancellationToken.None)));
        await tally.CheckAsync("a 1 MB message in 64 KB fragments", () => ClosedWithAsync(feedId, async socket =>
        {
            for (var i = 0; i < 16; i++)
            {
                await socket.SendAsync(new byte[64 * 1024], WebSocketMessageType.Text, endOfMessage: i == 15, CancellationToken.None);
            }
        }));
        await tally.CheckAsync("a binary frame of 200 KB", () => ClosedWithAsync(feedId, socket => socket.SendAsync(new byte[200 * 1024], WebSocketMessageType.Binary, true, CancellationToken.None)));
        await tally.CheckAsync("a frame of exactly 128 KB is not closed, and gets an error reply", async () =>
        {
            await using var tab = await client.OpenFeedAsync(feedId);
            await tab.Socket.SendAsync(Encoding.UTF8.GetBytes(new string(' ', Limit - 2) + "{}"), WebSocketMessageType.Text, true, CancellationToken.None);
            var reply = await tab.WaitForAsync(message => message.GetProperty("type").GetString() == "error", TimeSpan.FromSeconds(10));
            return tab.Socket.State == WebSocketState.Open && reply.GetProperty("error").GetProperty("code").GetString() == "InvalidMessage" ? null : $"state {tab.Socket.State}";
        });
        await tally.CheckAsync("malformed JSON messages get an error reply", async () =>
        {
            await using var tab = await client.OpenFeedAsync(feedId);
            foreach (var junk in new[] { "{", "[]", "null", "{\"action\":1}", "{\"action\":\"ping\"", "\u0000\u0001", "{\"action\":\"" + new string('x', 1000) + "\"}" })
            {
                await tab.SendAsync(junk);
            }
            await AppClient.EventuallyAsync(() => Task.FromResult(tab.Seen.Count(message => message.GetProperty("type").GetString() == "error") == 7), TimeSpan.FromSeconds(10));
            return tab.Socket.State == WebSocketState.Open ? null : $"state {tab.Socket.State}";
        });

        await tally.CheckAsync("the bystander on the same feed still gets pongs and pushes", async () =>
        {
            await bystander.SendAsync("{\"action\":\"ping\"}");
            await bystander.WaitForAsync(message => message.GetProperty("type").GetString() == "pong", TimeSpan.FromSeconds(10));
            var ticket = await client.UploadAsync(feedId, "after-big-frames.png", TestImages.GradientPng());
            await bystander.WaitForAsync(FeedSocket.ImageStatus(ticket.ImageId, "labeled"), Patience);
            return bystander.Socket.State == WebSocketState.Open ? null : $"state {bystander.Socket.State}";
        });

        tally.Report();
    }

    [Fact]
    public async Task WebSocket_OneClientSending1000MessagesASecond_IsClosedWhileOtherTabsKeepTheirLatency()
    {
        var feedId = AppClient.NewFeedId();
        var otherFeed = AppClient.NewFeedId();
        await using var other = await client.OpenFeedAsync(otherFeed);
        using var pinger = new ClientWebSocket();
        await pinger.ConnectAsync(stack.WebSocketUrl(otherFeed), CancellationToken.None);
        using var flooder = new ClientWebSocket();
        await flooder.ConnectAsync(stack.WebSocketUrl(feedId), CancellationToken.None);
        var before = await PingTimesAsync(pinger, 30);

        using var stop = new CancellationTokenSource();
        var sent = 0;
        var flood = Task.Run(async () =>
        {
            // 1,000 messages a second in bursts of 10 every 10 ms, pings and junk mixed, until the server closes the socket.
            var clock = Stopwatch.StartNew();
            var junk = Encoding.UTF8.GetBytes("{\"action\":\"dance\"}");
            var ping = Encoding.UTF8.GetBytes("{\"action\":\"ping\"}");
            try
            {
                while (!stop.IsCancellationRequested && flooder.State == WebSocketState.Open)
                {
                    for (var i = 0; i < 10; i++)
                    {
                        await flooder.SendAsync(sent % 2 == 0 ? ping : junk, WebSocketMessageType.Text, true, CancellationToken.None);
                        sent++;
                    }
                    var ahead = TimeSpan.FromMilliseconds(sent) - clock.Elapsed;
                    if (ahead > TimeSpan.Zero)
                    {
                        await Task.Delay(ahead);
                    }
                }
            }
            catch (Exception closed) when (closed is WebSocketException or IOException)
            {
                // The server closed the flooding socket under the sender: what the limit is for.
                return (ClosedByServer: true, clock.Elapsed);
            }
            return (ClosedByServer: false, clock.Elapsed);
        });
        var during = await PingTimesAsync(pinger, 30);
        var upload = Stopwatch.StartNew();
        var ticket = await client.UploadAsync(otherFeed, "during-flood.png", TestImages.GradientPng());
        await other.WaitForAsync(FeedSocket.ImageStatus(ticket.ImageId, "labeled"), Patience);
        var labeledDuringFlood = upload.Elapsed;
        // The flood is never told to stop before this: it ends only when the server closes its socket.
        var (closedByServer, closedWithin) = await flood.WaitAsync(TimeSpan.FromSeconds(30));
        await stop.CancelAsync();

        output.WriteLine($"flood: {sent} messages sent in {closedWithin.TotalSeconds:0.0} s before the server closed the socket");
        output.WriteLine($"another tab's ping round trip: before p50 {Percentile(before, 50):0.0} ms, p95 {Percentile(before, 95):0.0} ms; during p50 {Percentile(during, 50):0.0} ms, p95 {Percentile(during, 95):0.0} ms, max {during.Max():0.0} ms");
        output.WriteLine($"its upload during the flood was labeled and pushed in {labeledDuringFlood.TotalSeconds:0.0} s");
        closedByServer.ShouldBeTrue();
        Percentile(during, 95).ShouldBeLessThan(Math.Max(250, Percentile(before, 95) * 10));
        other.Socket.State.ShouldBe(WebSocketState.Open);
        pinger.State.ShouldBe(WebSocketState.Open);
    }

    /// <summary>Opens a socket, sends what <paramref name="send"/> sends, and expects the server to close it with 1009.</summary>
    private async Task<string?> ClosedWithAsync(string feedId, Func<ClientWebSocket, Task> send)
    {
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(stack.WebSocketUrl(feedId), CancellationToken.None);
        try
        {
            await send(socket);
        }
        catch (WebSocketException)
        {
            // The server may close while the client is still sending.
        }
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var buffer = new byte[1024];
        try
        {
            while (true)
            {
                var result = await socket.ReceiveAsync(buffer, timeout.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }
            }
        }
        catch (WebSocketException)
        {
            // Closed without a handshake: CloseStatus says what was sent, if anything.
        }
        return socket.CloseStatus == WebSocketCloseStatus.MessageTooBig ? null : $"closed with {socket.CloseStatus?.ToString() ?? "nothing"} ({socket.State})";
    }

    /// <summary>Round trips of {"action":"ping"} → {"type":"pong"} on a socket that carries nothing else.</summary>
    private static async Task<double[]> PingTimesAsync(ClientWebSocket socket, int count)
    {
        var ping = Encoding.UTF8.GetBytes("{\"action\":\"ping\"}");
        var buffer = new byte[4096];
        var times = new double[count];
        for (var i = 0; i < count; i++)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            var clock = Stopwatch.StartNew();
            await socket.SendAsync(ping, WebSocketMessageType.Text, true, timeout.Token);
            var result = await socket.ReceiveAsync(buffer, timeout.Token);
            times[i] = clock.Elapsed.TotalMilliseconds;
            Encoding.UTF8.GetString(buffer, 0, result.Count).ShouldContain("pong");
            // Spread over a few seconds, as a tab's keep-alive pings would be.
            await Task.Delay(100, timeout.Token);
        }
        return times;
    }

    private static double Percentile(double[] values, int percentile)
    {
        var sorted = values.Order().ToArray();
        return sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(percentile / 100.0 * sorted.Length) - 1)];
    }

    /// <summary>The image must end with <paramref name="expected"/>: "labeled", or "failed" with that error code and a readable message.</summary>
    private async Task<string?> ProblemWithOutcomeAsync(string feedId, string imageId, string expected)
    {
        var record = (await probe.WaitForFinalAsync(feedId, [imageId], Patience))[imageId];
        var status = record.GetProperty("status").GetString();
        if (expected == "labeled")
        {
            return status == "labeled" ? null : $"ended {status} {record.GetProperty("error").GetRawText()}";
        }
        if (status != "failed")
        {
            return $"ended {status}, expected failed with {expected}";
        }
        var error = record.GetProperty("error");
        var message = error.GetProperty("message").GetString() ?? "";
        return error.GetProperty("code").GetString() != expected ? $"failed with {error.GetProperty("code").GetString()}, expected {expected}"
            : !IsReadable(message) ? $"unreadable reason: {message}"
            : null;
    }

    private static async Task<string?> ProblemWithErrorAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != status)
        {
            return $"answered {(int)response.StatusCode}: {Shorten(body)}";
        }
        try
        {
            var error = JsonDocument.Parse(body).RootElement.GetProperty("error");
            var message = error.GetProperty("message").GetString() ?? "";
            return error.GetProperty("code").GetString() != code ? $"code {error.GetProperty("code").GetString()}, expected {code}"
                : !IsReadable(message) ? $"unreadable message: {message}"
                : null;
        }
        catch (Exception exception) when (exception is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return $"not an error document: {Shorten(body)}";
        }
    }

    /// <summary>A 4xx that says what is wrong: the API's error document, API Gateway's {"message"}, or the server's own refusal of a malformed or oversized request line.</summary>
    private static async Task<string?> ProblemWithClearErrorAsync(HttpResponseMessage response)
    {
        var status = (int)response.StatusCode;
        var body = await response.Content.ReadAsStringAsync();
        if (status is < 400 or > 499)
        {
            return $"answered {status}: {Shorten(body)}";
        }
        if (body.Length == 0)
        {
            return status is 400 or 414 ? null : $"{status} with no body";
        }
        using var document = JsonDocument.Parse(body);
        return document.RootElement.TryGetProperty("error", out _) || document.RootElement.TryGetProperty("message", out _) ? null : $"{status} {Shorten(body)}";
    }

    private async Task<string?> RefusedAsync(Uri url, string contentType, string code)
    {
        using var response = await client.PutAsync(url, TestImages.GradientPng(), contentType);
        var body = await response.Content.ReadAsStringAsync();
        return response.StatusCode == HttpStatusCode.Forbidden && body.Contains($"<Code>{code}</Code>", StringComparison.Ordinal) ? null : $"answered {(int)response.StatusCode}: {Shorten(body)}";
    }

    /// <summary>Nothing else was affected: a tab of a new feed pings, uploads, and gets its labels.</summary>
    private async Task AnotherTabStillWorksAsync()
    {
        var feedId = AppClient.NewFeedId();
        await using var tab = await client.OpenFeedAsync(feedId);
        await tab.SendAsync("{\"action\":\"ping\"}");
        await tab.WaitForAsync(message => message.GetProperty("type").GetString() == "pong", TimeSpan.FromSeconds(10));
        var ticket = await client.UploadAsync(feedId, "still-works.png", TestImages.GradientPng());
        await tab.WaitForAsync(FeedSocket.ImageStatus(ticket.ImageId, "labeled"), Patience);
    }

    private static bool IsReadable(string message) =>
        message.Length > 20 && !message.Contains("Exception", StringComparison.Ordinal) && !message.Contains("   at ", StringComparison.Ordinal);

    private static bool IsHiddenOrControl(char c) =>
        char.GetUnicodeCategory(c) is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator or UnicodeCategory.Surrogate;

    private static string Printable(string text) => string.Concat(text.Select(c => IsHiddenOrControl(c) ? $"\\u{(int)c:X4}" : c.ToString()));

    private static string Shorten(string text) => text.Length <= 60 ? text : $"{text[..40]}… ({text.Length} chars)";

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>The same URL with one hex digit of its signature changed.</summary>
    private static string Tamper(string url)
    {
        var at = url.IndexOf("X-Amz-Signature=", StringComparison.Ordinal) + "X-Amz-Signature=".Length;
        return string.Concat(url.AsSpan(0, at), url[at] == 'a' ? "b" : "a", url.AsSpan(at + 1));
    }
}
