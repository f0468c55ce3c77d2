using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace ImageLabelsLive.LocalHost.Tests;

/// <summary>
/// Email subscriptions end to end on the real local stack, read back from the mailbox (maildev's REST API): two feeds,
/// a label filter, an address that never confirms, and an unsubscribe.
/// </summary>
[Collection(SharedLocalApp.Name)]
public sealed class SubscriptionTests(LocalAppFixture stack)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly AppClient client = new(stack);

    [SharedFact]
    public async Task Subscriptions_TwoFeedsLabelFilterUnconfirmedAndUnsubscribe_EachAddressGetsExactlyItsResults()
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var feedA = AppClient.NewFeedId();
        var feedB = AppClient.NewFeedId();
        var everything = $"all-{run}@example.com";
        var cats = $"cats-{run}@example.com";
        var otherFeed = $"other-{run}@example.com";
        var unconfirmed = $"unconfirmed-{run}@example.com";

        (await SubscribeAsync(feedA, new { email = everything })).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        (await SubscribeAsync(feedA, new { email = cats, labels = new[] { "Cat" } })).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        (await SubscribeAsync(feedB, new { email = otherFeed })).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        using (var pending = await SubscribeAsync(feedA, new { email = unconfirmed }))
        {
            pending.StatusCode.ShouldBe(HttpStatusCode.Accepted);
            (await pending.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString().ShouldBe("PendingConfirmation");
        }
        foreach (var address in new[] { everything, cats, otherFeed })
        {
            var confirmation = await WaitForEmailAsync(address, email => Subject(email) == "AWS Notification - Subscription Confirmation");
            using var page = await stack.Http.GetAsync(new Uri(LineAfter(Text(confirmation), "Confirm subscription: ")));
            page.StatusCode.ShouldBe(HttpStatusCode.OK);
            (await page.Content.ReadAsStringAsync()).ShouldContain("Subscription confirmed!");
        }

        var cat = $"cat-{run}.png";
        var plainA = $"plain-a-{run}.png";
        var plainB = $"plain-b-{run}.png";
        var catTicket = await client.UploadAsync(feedA, cat, File.ReadAllBytes(SharedData.PathOf("images", "cat_chelsea.png")));
        await client.UploadAsync(feedA, plainA, TestImages.GradientPng(90, 90));
        await client.UploadAsync(feedB, plainB, TestImages.GradientPng(80, 80));

        // The deploy-time (operator) subscription has no filter and gets all three; each Publish delivers to every
        // matching subscription before it answers, so once the operator has all three, every subscriber has its own.
        foreach (var name in new[] { cat, plainA, plainB })
        {
            await WaitForEmailAsync("you@imagelabels.local", email => Subject(email).Contains(name, StringComparison.Ordinal));
        }
        // maildev lists a message a moment after its SMTP server accepted it.
        await AppClient.EventuallyAsync(async () =>
        {
            var emails = await client.EmailsAsync();
            return ResultsTo(emails, everything, run).Length >= 2 && ResultsTo(emails, cats, run).Length >= 1 && ResultsTo(emails, otherFeed, run).Length >= 1;
        }, Patience);
        ResultsTo(await client.EmailsAsync(), everything, run).ShouldBe([cat, plainA], ignoreOrder: true);
        ResultsTo(await client.EmailsAsync(), cats, run).ShouldBe([cat]);
        ResultsTo(await client.EmailsAsync(), otherFeed, run).ShouldBe([plainB]);
        var toUnconfirmed = (await client.EmailsAsync()).Where(email => IsTo(email, unconfirmed)).ToArray();
        toUnconfirmed.ShouldHaveSingleItem().GetProperty("subject").GetString().ShouldBe("AWS Notification - Subscription Confirmation");

        var catEmail = (await client.EmailsAsync()).Single(email => IsTo(email, cats) && Subject(email).Contains(cat, StringComparison.Ordinal));
        Subject(catEmail).ShouldStartWith("1 label in " + cat + ": Cat");
        Text(catEmail).ShouldContain($"?feed={feedA}&image={catTicket.ImageId}");
        Text(catEmail).ShouldContain("If you wish to stop receiving notifications from this topic");

        var unsubscribeLink = LineAfter(Text((await client.EmailsAsync()).Single(email => IsTo(email, everything) && Subject(email).Contains(cat, StringComparison.Ordinal))), "");
        using (var page = await stack.Http.GetAsync(new Uri(unsubscribeLink)))
        {
            (await page.Content.ReadAsStringAsync()).ShouldContain("Unsubscribed!");
        }
        var after = $"after-{run}.png";
        await client.UploadAsync(feedA, after, TestImages.GradientPng(110, 110));
        await WaitForEmailAsync("you@imagelabels.local", email => Subject(email).Contains(after, StringComparison.Ordinal));
        ResultsTo(await client.EmailsAsync(), everything, run).ShouldNotContain(after);
    }

    [Theory]
    [InlineData("""{"email":"not-an-address"}""", "InvalidEmail")]
    [InlineData("""{"email":"ann@example.com","labels":"Dog"}""", "InvalidLabels")]
    [InlineData("""{"email":"ann@example.com","labels":["A","B","C","D","E","F","G","H","I","J","K"]}""", "InvalidLabels")]
    [InlineData("not json", "InvalidRequest")]
    public async Task Subscribe_BadInput_400WithCode(string body, string code)
    {
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        using var response = await stack.Http.PostAsync(stack.Api($"feeds/{AppClient.NewFeedId()}/subscriptions"), content);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetProperty("code").GetString().ShouldBe(code);
    }

    [Fact]
    public async Task Subscribe_BadFeedId_400InvalidFeedId()
    {
        using var response = await stack.Http.PostAsJsonAsync(stack.Api("feeds/short/subscriptions"), new { email = "ann@example.com" });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetProperty("code").GetString().ShouldBe("InvalidFeedId");
    }

    private Task<HttpResponseMessage> SubscribeAsync(string feedId, object body) =>
        stack.Http.PostAsJsonAsync(stack.Api($"feeds/{feedId}/subscriptions"), body);

    private async Task<JsonElement> WaitForEmailAsync(string to, Func<JsonElement, bool> match)
    {
        JsonElement? found = null;
        await AppClient.EventuallyAsync(async () =>
        {
            found = (await client.EmailsAsync()).FirstOrDefault(email => IsTo(email, to) && match(email));
            return found?.ValueKind == JsonValueKind.Object;
        }, Patience);
        return found!.Value;
    }

    /// <summary>The file names of this run's result emails to <paramref name="to"/>.</summary>
    private static string[] ResultsTo(JsonElement[] emails, string to, string run) =>
        emails.Where(email => IsTo(email, to) && Subject(email).Contains(run, StringComparison.Ordinal))
            .Select(email => Subject(email).Split(' ').Select(word => word.TrimEnd(':')).Single(word => word.Contains(run, StringComparison.Ordinal)))
            .ToArray();

    private static bool IsTo(JsonElement email, string address) =>
        email.GetProperty("to").EnumerateArray().Any(to => string.Equals(to.GetProperty("address").GetString(), address, StringComparison.OrdinalIgnoreCase));

    private static string Subject(JsonElement email) => email.GetProperty("subject").GetString() ?? "";

    private static string Text(JsonElement email) => email.GetProperty("text").GetString() ?? "";

    /// <summary>The rest of the line that starts with <paramref name="prefix"/>; with "" the unsubscribe link's line.</summary>
    private static string LineAfter(string text, string prefix)
    {
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        var line = prefix.Length > 0
            ? lines.First(l => l.StartsWith(prefix, StringComparison.Ordinal))
            : lines.First(l => l.Contains("Action=Unsubscribe", StringComparison.Ordinal));
        return line[prefix.Length..].Trim();
    }
}
