using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Amazon.ApiGatewayManagementApi;
using Amazon.ApiGatewayManagementApi.Model;
using Amazon.Runtime;
using ImageLabelsLive.Aws.Messaging;
using ImageLabelsLive.Benchmarks.Harness;
using ImageLabelsLive.Core.Images;
using ImageLabelsLive.Core.Ports;
using ImageLabelsLive.Core.PushResults;
using Polly;
using Polly.Retry;

namespace ImageLabelsLive.Benchmarks.Scenarios;

/// <summary>
/// Scenario 7. The cost of one post, old path against new, in the same run and interleaved (A, B, A, B…) so the
/// machine's load falls on both alike: CPU µs, wall µs and bytes allocated per PostToConnection while pushing one record
/// to N real tabs through the local management API. "Before" is the messenger as it was (a copy of the message and a
/// closure per post); the floor is an unsigned HttpClient POST of the same bytes.
/// </summary>
internal sealed class PostCostScenario : IScenario
{
    private const string FeedId = "cG9zdENvc3RTY2VuYXJpb0ZlZWQ";

    public int Number => 7;

    public string Name => "post-cost";

    public string Title => "µs per post: the push path before and after, same run";

    public async Task RunAsync(BenchmarkContext context, ScenarioReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(report);
        var tabs = context.Quick ? 300 : 1000;
        var rounds = context.Quick ? 3 : 8;
        await using var gateway = await LocalApiGateway.StartAsync().ConfigureAwait(false);
        context.Progress($"opening {tabs} tabs on one feed");
        await using var swarm = await SocketSwarm.ConnectAsync(gateway.WebSocketUri(FeedId), tabs, 32, (_, _, _) => { }, cancellationToken).ConfigureAwait(false);
        using var client = new AmazonApiGatewayManagementApiClient(
            new BasicAWSCredentials("AKIABENCHMARKEXAMPLE", "benchmark-secret"),
            new AmazonApiGatewayManagementApiConfig { ServiceURL = gateway.ManagementUri.ToString(), AuthenticationRegion = "us-east-1" });
        var paths = new (string Name, IConnectionMessenger Messenger)[]
        {
            ("before: messenger copying the message, closure per post", new MessengerBefore(client)),
            ("after: messenger sharing the message, no closure", new ApiGatewayConnectionMessenger(client)),
        };
        var image = new ImageRecord
        {
            ImageId = ImageIds.New(), FeedId = FeedId, FileName = "dog_bicycle_truck.jpg", ContentType = "image/jpeg", Size = 163_759,
            Status = ImageStatus.Labeled, Labels = [new Label("Dog", 81.2, ["Pet", "Animal", "Mammal"], [new LabelInstance(81.2, new BoundingBox(0.16, 0.38, 0.26, 0.56))])],
            CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow,
        };
        var expected = 0L;
        var samples = paths.ToDictionary(path => path.Name, _ => new List<(double Cpu, double Wall, double Bytes)>());
        for (var round = -1; round < rounds; round++)
        {
            foreach (var (name, messenger) in round % 2 == 0 ? paths : paths.Reverse())
            {
                var handler = new PushResultsHandler(gateway.Store, messenger, PushResultsHandler.DefaultConcurrency);
                var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                var allocated = GC.GetTotalAllocatedBytes(precise: false);
                var started = Stopwatch.GetTimestamp();
                var pushed = await handler.HandleAsync(image with { UpdatedAt = DateTimeOffset.UtcNow }, cancellationToken).ConfigureAwait(false);
                expected += pushed.Delivered;
                await swarm.WaitForAsync(expected, TimeSpan.FromSeconds(60)).ConfigureAwait(false);
                var wall = Stopwatch.GetElapsedTime(started);
                var cpuUsed = Process.GetCurrentProcess().TotalProcessorTime - cpu;
                var bytes = GC.GetTotalAllocatedBytes(precise: false) - allocated;
                if (round >= 0 && pushed.Delivered > 0)
                {
                    samples[name].Add((cpuUsed.TotalMicroseconds / pushed.Delivered, wall.TotalMicroseconds / pushed.Delivered, (double)bytes / pushed.Delivered));
                }
            }
            context.Progress($"round {round + 1}/{rounds}: load {MachineLoad.Read()}");
        }

        var floor = await FloorAsync(gateway, swarm, context.Quick ? 500 : 2000, cancellationToken).ConfigureAwait(false);
        var table = new TextTable("path", "CPU µs/post (median)", "wall µs/post", "bytes allocated/post", "CPU vs before");
        var figures = new JsonArray();
        var before = Stats.Median(samples[paths[0].Name].Select(s => s.Cpu).ToArray());
        foreach (var (name, _) in paths)
        {
            var cpu = Stats.Median(samples[name].Select(s => s.Cpu).ToArray());
            var wall = Stats.Median(samples[name].Select(s => s.Wall).ToArray());
            var bytes = Stats.Median(samples[name].Select(s => s.Bytes).ToArray());
            table.Add(name, Format.Number(cpu, "0"), Format.Number(wall, "0"), Format.Number(bytes, "0"), Format.Ratio(Stats.Ratio(cpu, before)));
            figures.Add(new JsonObject { ["path"] = name, ["cpuMicroseconds"] = Math.Round(cpu, 1), ["wallMicroseconds"] = Math.Round(wall, 1), ["bytesAllocated"] = Math.Round(bytes) });
        }
        table.Add("floor: unsigned HttpClient POST, one at a time", Format.Number(floor.Cpu, "0"), Format.Number(floor.Wall, "0"), "—", Format.Ratio(Stats.Ratio(floor.Cpu, before)));
        report.AddTable($"{tabs} tabs, {rounds} pushes per path, interleaved; CPU is this whole process's (client, management API, WebSocket server and the tabs)", table);
        report.Figures["byPath"] = figures;
        report.Figures["floorCpuMicroseconds"] = Math.Round(floor.Cpu, 1);
        report.Figures["tabs"] = tabs;
        report.Note("Per post, the client's share is what a PushShard invocation pays on AWS; the rest is the local management API and sockets.");
    }

    private static async Task<(double Cpu, double Wall)> FloorAsync(LocalApiGateway gateway, SocketSwarm swarm, int calls, CancellationToken cancellationToken)
    {
        var liveId = (await gateway.Store.ListByFeedAsync(FeedId, cancellationToken).ConfigureAwait(false))[0];
        using var http = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false });
        var uri = new Uri(gateway.ManagementUri + "/@connections/" + Uri.EscapeDataString(liveId));
        var message = "{\"type\":\"image\",\"image\":{\"imageId\":\"floor\"}}"u8.ToArray();
        var expected = swarm.Received;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var started = Stopwatch.GetTimestamp();
        for (var call = 0; call < calls; call++)
        {
            using var content = new ByteArrayContent(message);
            using var response = await http.PostAsync(uri, content, cancellationToken).ConfigureAwait(false);
            response.EnsureSuccessStatusCode();
        }
        await swarm.WaitForAsync(expected + calls, TimeSpan.FromSeconds(30)).ConfigureAwait(false);
        var wall = Stopwatch.GetElapsedTime(started);
        return ((Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMicroseconds / calls, wall.TotalMicroseconds / calls);
    }

    /// <summary>ApiGatewayConnectionMessenger as it was before this change, kept here only as the same-run "before".</summary>
    private sealed class MessengerBefore(IAmazonApiGatewayManagementApi api) : IConnectionMessenger
    {
        private readonly ResiliencePipeline retry = new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<AmazonServiceException>(e => e is LimitExceededException || (int)e.StatusCode is 429 or >= 500).Handle<HttpRequestException>(),
                MaxRetryAttempts = 3,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(50),
            })
            .Build();

        public async Task<DeliveryResult> SendAsync(string connectionId, ReadOnlyMemory<byte> message, CancellationToken cancellationToken)
        {
            try
            {
                await retry.ExecuteAsync(async token =>
                {
                    using var data = new MemoryStream(message.ToArray(), writable: false);
                    await api.PostToConnectionAsync(new PostToConnectionRequest { ConnectionId = connectionId, Data = data }, token).ConfigureAwait(false);
                }, cancellationToken).ConfigureAwait(false);
                return DeliveryResult.Delivered;
            }
            catch (GoneException)
            {
                return DeliveryResult.Gone;
            }
        }

        public Task CloseAsync(string connectionId, CancellationToken cancellationToken) =>
            throw new NotSupportedException("The post-cost benchmark only posts.");
    }
}
