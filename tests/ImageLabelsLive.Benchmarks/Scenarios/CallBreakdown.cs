using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Amazon;
using Amazon.ApiGatewayManagementApi;
using Amazon.ApiGatewayManagementApi.Model;
using Amazon.Runtime;
using Amazon.Runtime.Signing;
using ImageLabelsLive.Aws.Messaging;
using ImageLabelsLive.Benchmarks.Harness;

namespace ImageLabelsLive.Benchmarks.Scenarios;

/// <summary>
/// A Stopwatch breakdown of one PostToConnection, built up layer by layer, one call at a time: the SigV4
/// signature alone, the local management API answering 410 (HTTP + routing, no frame), the same with a frame
/// sent to a live socket, the stand-in client (signing + transport), and the messenger (retry pipeline + copy).
/// CPU time is the whole process's, so it counts the server and the receiving tab too.
/// </summary>
internal static class CallBreakdown
{
    public static async Task<(TextTable Table, JsonArray Figures)> MeasureAsync(
        LocalApiGateway gateway, AmazonApiGatewayManagementApiClient client, ApiGatewayConnectionMessenger messenger, SocketSwarm tabs, int calls, CancellationToken cancellationToken)
    {
        var liveId = (await gateway.Store.ListByFeedAsync(PusherThroughputScenario.FeedId, cancellationToken).ConfigureAwait(false))[0];
        var message = "{\"type\":\"image\",\"image\":{\"imageId\":\"breakdown\"}}"u8.ToArray();
        var credentials = new BasicAWSCredentials("AKIABENCHMARKEXAMPLE", "benchmark-secret");
        using var http = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false });
        var livePath = new Uri(gateway.ManagementUri + "/@connections/" + Uri.EscapeDataString(liveId));
        var gonePath = new Uri(gateway.ManagementUri + "/@connections/bm90LWEtY29ubmVjdGlvbg%3D");
        var expected = tabs.Received;

        var steps = new (string Name, Func<Task> Call, bool Frames)[]
        {
            ("SigV4 signature only (AWSSigV4Signer)", async () =>
            {
                var request = new AWSSigningRequest { HttpMethod = HttpMethod.Post, RequestUri = livePath };
                request.Headers["Content-Type"] = "application/octet-stream";
                request.Headers["x-amz-content-sha256"] = "44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a";
                await AWSSigV4Signer.SignAsync(request, new AWSSigV4Parameters { Credentials = credentials, Region = RegionEndpoint.USEast1, Service = "execute-api" }, cancellationToken).ConfigureAwait(false);
            }, false),
            ("HTTP POST, unsigned, unknown id → 410", () => PostAsync(http, gonePath, message, expectGone: true, cancellationToken), false),
            ("HTTP POST, unsigned, live socket → frame", () => PostAsync(http, livePath, message, expectGone: false, cancellationToken), true),
            ("client.PostToConnectionAsync (signed)", async () =>
            {
                using var data = new MemoryStream(message, writable: false);
                await client.PostToConnectionAsync(new PostToConnectionRequest { ConnectionId = liveId, Data = data }, cancellationToken).ConfigureAwait(false);
            }, true),
            ("messenger.SendAsync (retry pipeline)", () => messenger.SendAsync(liveId, message, cancellationToken), true),
        };

        var table = new TextTable("step", "calls", "wall µs/call", "CPU µs/call", "calls/s at 1");
        var figures = new JsonArray();
        foreach (var (name, call, frames) in steps)
        {
            for (var warm = 0; warm < 100; warm++)
            {
                await call().ConfigureAwait(false);
            }
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var started = Stopwatch.GetTimestamp();
            for (var index = 0; index < calls; index++)
            {
                await call().ConfigureAwait(false);
            }
            var wall = Stopwatch.GetElapsedTime(started);
            if (frames)
            {
                expected += calls + 100;
                await tabs.WaitForAsync(expected, TimeSpan.FromSeconds(30)).ConfigureAwait(false);
            }
            var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
            var wallMicros = wall.TotalMicroseconds / calls;
            var cpuMicros = cpu.TotalMicroseconds / calls;
            table.Add(name, calls.ToString(CultureInfo.InvariantCulture), Format.Number(wallMicros, "0"), Format.Number(cpuMicros, "0"), Format.Rate(1e6 / wallMicros));
            figures.Add(new JsonObject { ["step"] = name, ["wallMicroseconds"] = Math.Round(wallMicros, 1), ["cpuMicroseconds"] = Math.Round(cpuMicros, 1) });
        }
        return (table, figures);
    }


    private static async Task PostAsync(HttpClient http, Uri uri, byte[] message, bool expectGone, CancellationToken cancellationToken)
    {
        using var content = new ByteArrayContent(message);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using var response = await http.PostAsync(uri, content, cancellationToken).ConfigureAwait(false);
        if ((int)response.StatusCode != (expectGone ? 410 : 200))
        {
            throw new InvalidOperationException($"{uri} answered {(int)response.StatusCode}.");
        }
    }
}
