using System.Net;
using System.Net.WebSockets;
using System.Text.Json;
using ImageLabelsLive.Core.Connections;

namespace ImageLabelsLive.LocalHost.Tests;

/// <summary>The whole flow on the real local stack, over real sockets: upload, label, push, email, list.</summary>
[Collection(SharedLocalApp.Name)]
public sealed class PipelineTests(LocalAppFixture stack)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(45);
    private readonly AppClient client = new(stack);

    [Fact]
    public async Task Upload_TwoTabsOfFeedAndOneOfAnother_PushesEveryStatusToTheFeedOnly()
    {
        var feedId = AppClient.NewFeedId();
        await using var first = await client.OpenFeedAsync(feedId);
        await using var second = await client.OpenFeedAsync(feedId);
        await using var stranger = await client.OpenFeedAsync(AppClient.NewFeedId());

        var ticket = await client.UploadAsync(feedId, "gradient.png", TestImages.GradientPng());

        foreach (var tab in new[] { first, second })
        {
            await tab.WaitForAsync(FeedSocket.ImageStatus(ticket.ImageId, "uploading"), Patience);
            await tab.WaitForAsync(FeedSocket.ImageStatus(ticket.ImageId, "processing"), Patience);
            var labeled = await tab.WaitForAsync(FeedSocket.ImageStatus(ticket.ImageId, "labeled"), Patience);
            labeled.GetProperty("image").GetProperty("fileName").GetString().ShouldBe("gradient.png");
        }
        stranger.Seen.ShouldBeEmpty();
    }

    [SharedFact]
    public async Task Upload_CatPhoto_PushesCatLabelWithBoxAndEmailsIt()
    {
        var feedId = AppClient.NewFeedId();
        await using var tab = await client.OpenFeedAsync(feedId);
        var fileName = $"cat-{Guid.NewGuid():N}.png";

        var ticket = await client.UploadAsync(feedId, fileName, File.ReadAllBytes(SharedData.PathOf("images", "cat_chelsea.png")));

        var labeled = await tab.WaitForAsync(FeedSocket.ImageStatus(ticket.ImageId, "labeled"), Patience);
        var cat = labeled.GetProperty("image").GetProperty("labels").EnumerateArray().Single(label => label.GetProperty("name").GetString() == "Cat");
        cat.GetProperty("parents").EnumerateArray().Select(parent => parent.GetString()).ShouldContain("Animal");
        var box = cat.GetProperty("instances")[0].GetProperty("boundingBox");
        box.GetProperty("width").GetDouble().ShouldBeInRange(0.05, 1);

        var email = await WaitForEmailAsync(fileName);
        email.GetProperty("subject").GetString()!.ShouldContain("Cat");
        email.GetProperty("text").GetString()!.ShouldContain($"?feed={feedId}");
    }

    [Fact]
    public async Task FeedListing_AfterUpload_ShowsItNewestFirst()
    {
        var feedId = AppClient.NewFeedId();
        var older = await client.UploadAsync(feedId, "one.png", TestImages.GradientPng(80, 80));
        var newer = await client.UploadAsync(feedId, "two.png", TestImages.GradientPng(90, 90));

        var images = await client.ListFeedAsync(feedId);

        images.EnumerateArray().Select(image => image.GetProperty("imageId").GetString()).ShouldBe([newer.ImageId, older.ImageId]);
        (await client.ListFeedAsync(AppClient.NewFeedId())).GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task LabeledImage_ImageUrl_ServesTheUploadedBytesToAnyTab()
    {
        var feedId = AppClient.NewFeedId();
        await using var otherTab = await client.OpenFeedAsync(feedId);
        var bytes = TestImages.GradientPng();
        var ticket = await client.UploadAsync(feedId, "linked.png", bytes);

        var pushed = await otherTab.WaitForAsync(FeedSocket.ImageStatus(ticket.ImageId, "labeled"), Patience);
        var fromApi = await client.GetImageAsync(ticket.ImageId);

        foreach (var record in new[] { pushed.GetProperty("image"), fromApi })
        {
            var url = new Uri(record.GetProperty("imageUrl").GetString()!);
            (await stack.Http.GetByteArrayAsync(url)).ShouldBe(bytes);
        }
        (await client.ListFeedAsync(feedId))[0].GetProperty("imageUrl").GetString().ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public async Task DuplicateObjectCreated_SamePutTwice_SendsOneEmail()
    {
        var feedId = AppClient.NewFeedId();
        await using var tab = await client.OpenFeedAsync(feedId);
        var fileName = $"twice-{Guid.NewGuid():N}.png";
        var bytes = TestImages.GradientPng();
        var ticket = await client.UploadAsync(feedId, fileName, bytes);

        // S3 delivers at least once; a second PUT of the same key is a second ObjectCreated event. It is sent at
        // once, while the upload URL (short-lived in these tests) still holds, and lands while the first is handled.
        using (var again = await client.PutAsync(ticket.UploadUrl, bytes, "image/png"))
        {
            again.StatusCode.ShouldBe(HttpStatusCode.OK);
        }
        await tab.WaitForAsync(FeedSocket.ImageStatus(ticket.ImageId, "labeled"), Patience);
        await WaitForEmailAsync(fileName);
        await Task.Delay(TimeSpan.FromSeconds(3));

        (await client.EmailsAsync()).Count(email => email.GetProperty("subject").GetString()!.Contains(fileName, StringComparison.Ordinal)).ShouldBe(1);
        tab.Seen.Count(message => FeedSocket.ImageStatus(ticket.ImageId, "labeled")(message)).ShouldBe(1);
        (await client.GetImageAsync(ticket.ImageId)).GetProperty("status").GetString().ShouldBe("labeled");
    }

    [Fact]
    public async Task VanishedConnection_NextPush_RemovesItAndStillReachesTheLiveTab()
    {
        var feedId = AppClient.NewFeedId();
        await using var live = await client.OpenFeedAsync(feedId);
        var vanishing = await client.OpenFeedAsync(feedId);
        ((await client.ConnectionIdsOfFeedAsync(feedId)).Count).ShouldBe(2);

        vanishing.Socket.Abort();
        var ticket = await client.UploadAsync(feedId, "after-vanish.png", TestImages.GradientPng());

        await live.WaitForAsync(FeedSocket.ImageStatus(ticket.ImageId, "labeled"), Patience);
        await AppClient.EventuallyAsync(async () => (await client.ConnectionIdsOfFeedAsync(feedId)).Count == 1);
        await vanishing.DisposeAsync();
    }

    [Fact]
    public async Task FailedImage_TextNamedPng_IsPushedAsFailedWithReason()
    {
        var feedId = AppClient.NewFeedId();
        await using var tab = await client.OpenFeedAsync(feedId);

        var ticket = await client.UploadAsync(feedId, "notes.png", "just some text, not an image"u8.ToArray());

        var failed = await tab.WaitForAsync(FeedSocket.ImageStatus(ticket.ImageId, "failed"), Patience);
        failed.GetProperty("image").GetProperty("error").GetProperty("code").GetString().ShouldBe("NotAnImage");
    }

    // Rekognition labels images of 80 to 10,000 pixels a side; outside that, the reason names the limit that was missed.
    [Theory]
    [InlineData(60, 60, "ImageNotSupported", "at least 80 pixels a side")]
    [InlineData(10_001, 80, "ImageTooLarge", "10,000 pixels a side")]
    public async Task FailedImage_OutsideRekognitionsDimensions_IsPushedAsFailedWithTheLimit(int width, int height, string code, string limit)
    {
        var feedId = AppClient.NewFeedId();
        await using var tab = await client.OpenFeedAsync(feedId);

        var ticket = await client.UploadAsync(feedId, $"{width}x{height}.png", TestImages.GradientPng(width, height));

        var error = (await tab.WaitForAsync(FeedSocket.ImageStatus(ticket.ImageId, "failed"), Patience)).GetProperty("image").GetProperty("error");
        error.GetProperty("code").GetString().ShouldBe(code);
        error.GetProperty("message").GetString()!.ShouldContain(limit);
    }

    [Fact]
    public async Task WebSocket_Ping_AnswersPongAndUnknownActionGetsError()
    {
        await using var tab = await client.OpenFeedAsync(AppClient.NewFeedId());

        await tab.SendAsync("{\"action\":\"ping\"}");
        await tab.WaitForAsync(message => message.GetProperty("type").GetString() == "pong", Patience);
        await tab.SendAsync("{\"action\":\"dance\"}");
        var error = await tab.WaitForAsync(message => message.GetProperty("type").GetString() == "error", Patience);

        error.GetProperty("error").GetProperty("code").GetString().ShouldBe("UnknownAction");
        tab.Socket.State.ShouldBe(WebSocketState.Open);
    }

    [Fact]
    public async Task WebSocket_ClientOverTheMessageLimit_GetsTooManyMessagesAndIsClosedWhileOthersAreAnswered()
    {
        var feedId = AppClient.NewFeedId();
        await using var flooding = await client.OpenFeedAsync(feedId);
        await using var calm = await client.OpenFeedAsync(feedId);

        // Far over the limit however slowly the host answers: the messages of any one second exceed it.
        for (var i = 0; i < ConnectionMessageLimit.PerSecond * 6; i++)
        {
            await flooding.SendAsync("{\"action\":\"ping\"}");
        }
        var error = await flooding.WaitForAsync(message => message.GetProperty("type").GetString() == "error", Patience);
        await AppClient.EventuallyAsync(() => Task.FromResult(flooding.Socket.State != WebSocketState.Open));
        await calm.SendAsync("{\"action\":\"ping\"}");

        error.GetProperty("error").GetProperty("code").GetString().ShouldBe("TooManyMessages");
        await calm.WaitForAsync(message => message.GetProperty("type").GetString() == "pong", Patience);
        calm.Socket.State.ShouldBe(WebSocketState.Open);
        await AppClient.EventuallyAsync(async () => (await client.ConnectionIdsOfFeedAsync(feedId)).Count == 1);
    }

    [Theory]
    [InlineData("")]
    [InlineData("?feed=short")]
    [InlineData("?feed=..%2F..%2Fetc%2Fpasswd%2Fxxxxxxxx")]
    public async Task WebSocket_WithoutValidFeed_UpgradeIsRefusedWith400(string query)
    {
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;

        await Should.ThrowAsync<WebSocketException>(() => socket.ConnectAsync(new Uri($"ws://{stack.BaseUrl.Authority}/ws{query}"), CancellationToken.None));

        socket.HttpStatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    private async Task<JsonElement> WaitForEmailAsync(string fileName)
    {
        JsonElement? found = null;
        await AppClient.EventuallyAsync(async () =>
        {
            found = (await client.EmailsAsync()).FirstOrDefault(email => email.GetProperty("subject").GetString()!.Contains(fileName, StringComparison.Ordinal));
            return found?.ValueKind == JsonValueKind.Object;
        });
        return found!.Value;
    }
}
