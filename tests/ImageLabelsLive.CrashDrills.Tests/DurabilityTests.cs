using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using ImageLabelsLive.Aws.DynamoDb;
using ImageLabelsLive.Core.Web;

namespace ImageLabelsLive.CrashDrills.Tests;

/// <summary>The sweeper end to end with short settings, and the mailbox across a restart, on the real local stack.</summary>
public sealed class DurabilityTests : IDisposable
{
    private readonly HttpClient http = new() { Timeout = TimeSpan.FromSeconds(20) };
    private readonly string dataDirectory = Path.Combine(Path.GetTempPath(), "ill-durable-" + Guid.NewGuid().ToString("N")[..8]);

    [Fact]
    public async Task Sweeper_UploadNeverFinished_FailsItPushesItAndEmailsOnce()
    {
        // URLs expire after 2 s.
        await using var host = await StartSweepingAsync("UPLOAD_URL_TTL_SECONDS");
        var client = new AppClient(http, host.BaseUrl);
        var feedId = AppClient.NewFeedId();
        using var tab = new ClientWebSocket();
        await tab.ConnectAsync(new Uri($"ws://127.0.0.1:{host.BaseUrl.Port}/ws?feed={feedId}"), CancellationToken.None);
        var pushed = NextPushAsync(tab);

        using var created = await http.PostAsJsonAsync(new Uri(host.BaseUrl, "api/uploads"), new { feedId, fileName = "never-sent.png", contentType = "image/png", size = 1234 });
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var imageId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("imageId").GetString();

        var failed = await AppClient.WaitUntilAsync(async () =>
            (await client.ListImagesAsync(feedId)).Any(i => i.GetProperty("status").GetString() == "failed"), TimeSpan.FromSeconds(30));
        failed.ShouldBeTrue(host.Log);
        var image = (await client.ListImagesAsync(feedId)).ShouldHaveSingleItem();
        image.GetProperty("imageId").GetString().ShouldBe(imageId);
        image.GetProperty("error").GetProperty("code").GetString().ShouldBe("UploadNotFinished");
        image.GetProperty("error").GetProperty("message").GetString()!.ShouldContain("upload it again");

        var push = await pushed.WaitAsync(TimeSpan.FromSeconds(20));
        push.GetProperty("image").GetProperty("status").GetString().ShouldBe("failed");
        (await AppClient.WaitUntilAsync(async () => (await client.EmailSubjectsAsync()).Contains("Could not label never-sent.png"), TimeSpan.FromSeconds(20)))
            .ShouldBeTrue(host.Log);
        await Task.Delay(2500); // Further sweeps must change nothing.
        (await client.EmailSubjectsAsync()).Count(s => s == "Could not label never-sent.png").ShouldBe(1);
    }

    [Fact]
    public async Task Sweeper_ProcessingWhoseInvocationDied_IsRedrivenOnceThenFinalPushedAndEmailedOnce()
    {
        // ProcessImage's timeout is 2 s here.
        await using var host = await StartSweepingAsync("PROCESSOR_TIMEOUT_SECONDS");
        var client = new AppClient(http, host.BaseUrl);
        var feedId = AppClient.NewFeedId();
        using var tab = new ClientWebSocket();
        await tab.ConnectAsync(new Uri($"ws://127.0.0.1:{host.BaseUrl.Port}/ws?feed={feedId}"), CancellationToken.None);
        var pushed = NextPushAsync(tab);
        using var created = await http.PostAsJsonAsync(new Uri(host.BaseUrl, "api/uploads"), new { feedId, fileName = "lost-invocation.png", contentType = "image/png", size = 1234 });
        var imageId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("imageId").GetString()!;

        // What a ProcessImage invocation leaves when it dies after taking the image (a crash, or its event in a
        // dead-letter queue): the record in processing, written a minute ago, and nothing left to finish it.
        var endpoints = await http.GetFromJsonAsync<JsonElement>(new Uri(host.BaseUrl, "local/endpoints"));
        using var dynamoDb = new AmazonDynamoDBClient(new BasicAWSCredentials("local", "local"), new AmazonDynamoDBConfig { ServiceURL = endpoints.GetProperty("dynamodb").GetString() });
        var aMinuteAgo = UtcTimestampConverter.ToText(DateTimeOffset.UtcNow.AddMinutes(-1));
        await dynamoDb.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = endpoints.GetProperty("imagesTable").GetString(),
            Key = new() { ["imageId"] = new AttributeValue { S = imageId } },
            UpdateExpression = "SET #status = :processing, #unfinished = :processing, updatedAt = :then",
            ExpressionAttributeNames = new() { ["#status"] = "status", ["#unfinished"] = ImageItems.UnfinishedStatus },
            ExpressionAttributeValues = new() { [":processing"] = new AttributeValue { S = "processing" }, [":then"] = new AttributeValue { S = aMinuteAgo } },
        });

        var final = await AppClient.WaitUntilAsync(async () =>
            (await client.ListImagesAsync(feedId)).Any(i => i.GetProperty("status").GetString() == "failed"), TimeSpan.FromSeconds(30));
        final.ShouldBeTrue(host.Log);
        var item = (await dynamoDb.GetItemAsync(endpoints.GetProperty("imagesTable").GetString(), new() { ["imageId"] = new AttributeValue { S = imageId } })).Item;
        item.ShouldContainKey("redrivenAt");
        item.ShouldNotContainKey(ImageItems.UnfinishedStatus);
        var image = (await client.ListImagesAsync(feedId)).ShouldHaveSingleItem();
        image.GetProperty("error").GetProperty("message").GetString()!.ShouldNotBeNullOrWhiteSpace();
        var push = await pushed.WaitAsync(TimeSpan.FromSeconds(20));
        push.GetProperty("image").GetProperty("imageId").GetString().ShouldBe(imageId);
        (await AppClient.WaitUntilAsync(async () => (await client.EmailSubjectsAsync()).Contains("Could not label lost-invocation.png"), TimeSpan.FromSeconds(20)))
            .ShouldBeTrue(host.Log);
        await Task.Delay(2500); // Further sweeps must change nothing.
        (await client.EmailSubjectsAsync()).Count(s => s == "Could not label lost-invocation.png").ShouldBe(1);
    }

    [Fact]
    public async Task Mailbox_HostRestartedOnTheSameDataFolder_KeepsEveryEmail()
    {
        var port = ServerProcess.FreePort();
        var feedId = AppClient.NewFeedId();
        var bytes = TestImages.GradientPng(80, 80);
        await using (var first = await DrillHost.StartAsync(http, port, dataDirectory))
        {
            using var created = await http.PostAsJsonAsync(new Uri(first.BaseUrl, "api/uploads"), new { feedId, fileName = "kept.png", contentType = "image/png", size = bytes.Length });
            var ticket = await created.Content.ReadFromJsonAsync<JsonElement>();
            using var content = new ByteArrayContent(bytes);
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("image/png");
            using var put = await http.PutAsync(new Uri(ticket.GetProperty("uploadUrl").GetString()!), content);
            put.StatusCode.ShouldBe(HttpStatusCode.OK);
            (await AppClient.WaitUntilAsync(async () => (await new AppClient(http, first.BaseUrl).EmailSubjectsAsync()).Any(s => s.Contains("kept.png", StringComparison.Ordinal)), TimeSpan.FromSeconds(60)))
                .ShouldBeTrue(first.Log);
            await first.TerminateAsync(TimeSpan.FromSeconds(30));
        }

        await using var second = await DrillHost.StartAsync(http, port, dataDirectory);

        (await new AppClient(http, second.BaseUrl).EmailSubjectsAsync()).Count(s => s.Contains("kept.png", StringComparison.Ordinal)).ShouldBe(1);
    }

    [Fact]
    public async Task Sidecars_HostKilledAlone_ExitWithinSeconds()
    {
        await using var host = await DrillHost.StartAsync(http, ServerProcess.FreePort(), dataDirectory);
        var sidecars = host.ChildProcessIds();
        sidecars.Count.ShouldBe(3, "dynalite, maildev and the detector");

        await host.KillHostAloneAsync();

        // Each checks for its parent once a second; the detector first stops its workers.
        (await AppClient.WaitUntilAsync(() => Task.FromResult(sidecars.All(LinuxProcesses.HasExited)), TimeSpan.FromSeconds(10)))
            .ShouldBeTrue($"still running 10 s after the host was killed: {string.Join(", ", sidecars.Where(pid => !LinuxProcesses.HasExited(pid)))}");
    }

    public void Dispose()
    {
        http.Dispose();
        try
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A sidecar may still be letting go of a file; the folder is in /tmp.
        }
    }

    /// <summary>A host whose <paramref name="twoSecondLimit"/> is 2 s and whose sweep runs every second with 1 s of grace.</summary>
    private Task<DrillHost> StartSweepingAsync(string twoSecondLimit) =>
        DrillHost.StartAsync(http, ServerProcess.FreePort(), dataDirectory, new Dictionary<string, string>
        {
            [twoSecondLimit] = "2",
            ["SWEEP_GRACE_SECONDS"] = "1",
            ["ILL_SWEEP_INTERVAL_SECONDS"] = "1",
        });

    private static async Task<JsonElement> NextPushAsync(ClientWebSocket socket)
    {
        var buffer = new byte[256 * 1024];
        while (true)
        {
            using var message = new MemoryStream();
            WebSocketReceiveResult received;
            do
            {
                received = await socket.ReceiveAsync(buffer, CancellationToken.None);
                message.Write(buffer, 0, received.Count);
            }
            while (!received.EndOfMessage);
            using var json = JsonDocument.Parse(Encoding.UTF8.GetString(message.ToArray()));
            if (json.RootElement.TryGetProperty("image", out var image) && image.GetProperty("status").GetString() == "failed")
            {
                return json.RootElement.Clone();
            }
        }
    }
}
