using System.Net;
using System.Text;
using System.Xml.Linq;
using ImageLabelsLive.LocalAws.SimpleNotificationService;
using ImageLabelsLive.LocalAws.Signing;

namespace ImageLabelsLive.LocalAws.Tests.SimpleNotificationService;

/// <summary>
/// Subscriptions on the local SNS over real sockets: Subscribe (email), the confirmation email and its link,
/// ConfirmSubscription, filter-policy delivery, the unsubscribe link in every email, ListSubscriptionsByTopic, ListSubscriptions.
/// Each test uses its own addresses, so the class shares one server.
/// </summary>
public sealed class LocalSnsSubscriptionTests(LocalSnsServer server) : IClassFixture<LocalSnsServer>, IDisposable
{
    private static readonly XNamespace Sns = "http://sns.amazonaws.com/doc/2010-03-31/";
    private readonly HttpClient http = new();

    public void Dispose() => http.Dispose();

    [Fact]
    public async Task Subscribe_Email_PendingConfirmationAndOnlyTheConfirmationIsSent()
    {
        server.Smtp.Drain();

        var answer = await CallAsync(("Action", "Subscribe"), ("TopicArn", LocalSnsServer.TopicArn), ("Protocol", "email"), ("Endpoint", "pending@example.com"),
            ("Attributes.entry.1.key", "FilterPolicy"), ("Attributes.entry.1.value", """{"feedId":["feed-1"]}"""));

        answer.Descendants(Sns + "SubscriptionArn").Single().Value.ShouldBe("pending confirmation");
        var confirmation = await server.Smtp.NextAsync();
        confirmation.Recipients.ShouldBe(["pending@example.com"]);
        confirmation.Header("Subject").ShouldBe("AWS Notification - Subscription Confirmation");
        confirmation.Body.ShouldContain("You have chosen to subscribe to the topic:");
        confirmation.Body.ShouldContain(LocalSnsServer.TopicArn);
        ConfirmationLink(confirmation).ShouldStartWith(server.ServiceUrl + "?Action=ConfirmSubscription&TopicArn=");

        await PublishAsync("feed-1", "labeled", "[\"Dog\"]", "to feed-1");

        var delivered = await DeliveredAsync(LocalSnsServer.Recipients.Length);
        delivered.SelectMany(email => email.Recipients).ShouldNotContain("pending@example.com");
    }

    [Fact]
    public async Task ConfirmationLink_Followed_PageThenOnlyMatchingMessagesWithUnsubscribeLink()
    {
        server.Smtp.Drain();
        await SubscribeAsync("dogs@example.com", """{"feedId":["feed-2"],"labels":["Dog","Cat"]}""");
        var link = ConfirmationLink(await server.Smtp.NextAsync());

        using var page = await http.GetAsync(new Uri(link));

        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        page.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        var html = await page.Content.ReadAsStringAsync();
        html.ShouldContain("Subscription confirmed!");
        html.ShouldContain(LocalSnsServer.TopicArn + ":");

        await PublishAsync("feed-2", "labeled", "[\"Person\",\"Dog\"]", "dog in feed-2");
        await PublishAsync("feed-2", "labeled", "[\"Person\"]", "person in feed-2");
        await PublishAsync("feed-3", "labeled", "[\"Dog\"]", "dog in feed-3");
        await PublishAsync("feed-2", "failed", "[]", "failed in feed-2");
        var delivered = await DeliveredAsync(4 * LocalSnsServer.Recipients.Length + 1);

        var mine = delivered.Where(email => email.Recipients.Contains("dogs@example.com")).ShouldHaveSingleItem();
        mine.Message.ShouldBe("dog in feed-2");
        mine.UnsubscribeLink.ShouldNotBeNull().ShouldStartWith(server.ServiceUrl + "?Action=Unsubscribe&SubscriptionArn=");
        mine.Body.ShouldContain("If you wish to stop receiving notifications from this topic, please click or visit the link below to unsubscribe:");
    }

    [Fact]
    public async Task UnsubscribeLink_Followed_PageAndNoMoreMail()
    {
        server.Smtp.Drain();
        await SubscribeAsync("leaving@example.com", """{"feedId":["feed-4"]}""");
        (await http.GetAsync(new Uri(ConfirmationLink(await server.Smtp.NextAsync())))).Dispose();
        await PublishAsync("feed-4", "labeled", "[\"Dog\"]", "first");
        var first = (await DeliveredAsync(LocalSnsServer.Recipients.Length + 1)).Single(email => email.Recipients.Contains("leaving@example.com"));

        using var page = await http.GetAsync(new Uri(first.UnsubscribeLink!));
        (await page.Content.ReadAsStringAsync()).ShouldContain("Unsubscribed!");
        await PublishAsync("feed-4", "labeled", "[\"Dog\"]", "second");

        (await DeliveredAsync(LocalSnsServer.Recipients.Length)).SelectMany(email => email.Recipients).ShouldNotContain("leaving@example.com");
        using var again = await http.GetAsync(new Uri(first.UnsubscribeLink!));
        again.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Subscribe_SameAddressOtherPolicy_InvalidParameterAsSns()
    {
        server.Smtp.Drain();
        await SubscribeAsync("twice@example.com", """{"feedId":["feed-5"]}""");

        using var refused = await PostAsync(Form(("Action", "Subscribe"), ("TopicArn", LocalSnsServer.TopicArn), ("Protocol", "email"), ("Endpoint", "twice@example.com"),
            ("Attributes.entry.1.key", "FilterPolicy"), ("Attributes.entry.1.value", """{"feedId":["feed-6"]}""")));

        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await refused.Content.ReadAsStringAsync()).ShouldContain("Subscription already exists with different attributes");
    }

    [Fact]
    public async Task Subscribe_SamePolicyAgain_ConfirmationSentAgainSameToken()
    {
        server.Smtp.Drain();
        await SubscribeAsync("again@example.com", """{"feedId":["feed-7"]}""");
        var first = ConfirmationLink(await server.Smtp.NextAsync());

        await SubscribeAsync("again@example.com", """{ "feedId": [ "feed-7" ] }""");

        ConfirmationLink(await server.Smtp.NextAsync()).ShouldBe(first);
    }

    [Fact]
    public async Task ListSubscriptionsByTopic_PendingAndConfirmed_AsSnsListsThem()
    {
        server.Smtp.Drain();
        await SubscribeAsync("listed@example.com", """{"feedId":["feed-8"]}""");

        var list = await CallAsync(("Action", "ListSubscriptionsByTopic"), ("TopicArn", LocalSnsServer.TopicArn));

        var members = list.Descendants(Sns + "member").ToArray();
        var pending = members.Single(m => m.Element(Sns + "Endpoint")!.Value == "listed@example.com");
        pending.Element(Sns + "SubscriptionArn")!.Value.ShouldBe("PendingConfirmation");
        pending.Element(Sns + "Protocol")!.Value.ShouldBe("email");
        pending.Element(Sns + "Owner")!.Value.ShouldBe("000000000000");
        foreach (var operatorAddress in LocalSnsServer.Recipients)
        {
            members.Single(m => m.Element(Sns + "Endpoint")!.Value == operatorAddress).Element(Sns + "SubscriptionArn")!.Value.ShouldStartWith(LocalSnsServer.TopicArn + ":");
        }
    }

    [Fact]
    public async Task ListSubscriptions_NoTopicNamed_EveryTopicsSubscriptionsInItsOwnResponse()
    {
        server.Smtp.Drain();
        await SubscribeAsync("all-topics@example.com", """{"feedId":["feed-9"]}""");

        var list = await CallAsync(("Action", "ListSubscriptions"));

        list.Name.ShouldBe(Sns + "ListSubscriptionsResponse");
        var listed = list.Descendants(Sns + "member").Single(m => m.Element(Sns + "Endpoint")!.Value == "all-topics@example.com");
        listed.Element(Sns + "TopicArn")!.Value.ShouldBe(LocalSnsServer.TopicArn);
    }

    [Fact]
    public async Task ListSubscriptions_NotANextToken_InvalidParameter()
    {
        using var refused = await PostAsync(Form(("Action", "ListSubscriptions"), ("NextToken", "next-please")));

        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await refused.Content.ReadAsStringAsync()).ShouldContain("Invalid parameter: NextToken");
    }

    [Theory]
    [InlineData("email", "not an address", "Invalid parameter: Email address")]
    [InlineData("carrier-pigeon", "x", "does not support this protocol string")]
    public async Task Subscribe_BadProtocolOrEndpoint_InvalidParameter(string protocol, string endpoint, string reason)
    {
        using var refused = await PostAsync(Form(("Action", "Subscribe"), ("TopicArn", LocalSnsServer.TopicArn), ("Protocol", protocol), ("Endpoint", endpoint)));

        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await refused.Content.ReadAsStringAsync()).ShouldContain(reason);
    }

    [Fact]
    public async Task ConfirmationLink_UnknownToken_PageSaysSoWith400()
    {
        using var page = await http.GetAsync(new Uri($"{server.ServiceUrl}?Action=ConfirmSubscription&TopicArn={Uri.EscapeDataString(LocalSnsServer.TopicArn)}&Token=nope"));

        page.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await page.Content.ReadAsStringAsync()).ShouldContain("Invalid parameter: Token");
    }

    [Fact]
    public void Store_SameDataFolder_SubscriptionsSurviveARestartAndOperatorsAreSeededOnce()
    {
        var folder = Directory.CreateTempSubdirectory("sns-store-");
        try
        {
            var options = new LocalSnsOptions
            {
                TopicArns = [LocalSnsServer.TopicArn],
                Credentials = new SigV4KeyPair("AKIATEST", "secret"),
                SmtpPort = 25,
                Recipients = ["ops@example.com"],
                DataDirectory = folder.FullName,
            };
            var first = new SnsSubscriptionStore(options, TimeProvider.System);
            var pending = first.Add(LocalSnsServer.TopicArn, "email", "kept@example.com", """{"feedId":["f"]}""", confirmed: false);
            first.Remove(first.Find(LocalSnsServer.TopicArn, "email", "ops@example.com")!.SubscriptionArn);

            var restarted = new SnsSubscriptionStore(options, TimeProvider.System);

            restarted.ForTopic(LocalSnsServer.TopicArn).ShouldHaveSingleItem().ShouldBe(pending);
            restarted.Confirm(LocalSnsServer.TopicArn, pending.ConfirmationToken!).ShouldNotBeNull().Confirmed.ShouldBeTrue();
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static string ConfirmationLink(ReceivedEmail email) =>
        email.Body.ReplaceLineEndings("\n").Split('\n').Single(line => line.StartsWith("Confirm subscription: ", StringComparison.Ordinal))["Confirm subscription: ".Length..].Trim();

    private async Task SubscribeAsync(string email, string filterPolicy) =>
        (await CallAsync(("Action", "Subscribe"), ("TopicArn", LocalSnsServer.TopicArn), ("Protocol", "email"), ("Endpoint", email),
            ("Attributes.entry.1.key", "FilterPolicy"), ("Attributes.entry.1.value", filterPolicy)))
        .Descendants(Sns + "SubscriptionArn").Single().Value.ShouldBe("pending confirmation");

    private async Task PublishAsync(string feedId, string status, string labels, string message) =>
        await CallAsync(("Action", "Publish"), ("TopicArn", LocalSnsServer.TopicArn), ("Subject", "result"), ("Message", message),
            ("MessageAttributes.entry.1.Name", "feedId"), ("MessageAttributes.entry.1.Value.DataType", "String"), ("MessageAttributes.entry.1.Value.StringValue", feedId),
            ("MessageAttributes.entry.2.Name", "status"), ("MessageAttributes.entry.2.Value.DataType", "String"), ("MessageAttributes.entry.2.Value.StringValue", status),
            ("MessageAttributes.entry.3.Name", "labels"), ("MessageAttributes.entry.3.Value.DataType", "String.Array"), ("MessageAttributes.entry.3.Value.StringValue", labels));

    /// <summary>Exactly <paramref name="count"/> emails arrive (Publish answers after sending, so none is still on its way).</summary>
    private async Task<List<ReceivedEmail>> DeliveredAsync(int count)
    {
        var emails = new List<ReceivedEmail>();
        for (var i = 0; i < count; i++)
        {
            emails.Add(await server.Smtp.NextAsync());
        }
        server.Smtp.Drain().ShouldBeEmpty();
        return emails;
    }

    private async Task<XElement> CallAsync(params (string Name, string Value)[] fields)
    {
        using var response = await PostAsync(Form(fields));
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body);
        return XDocument.Parse(body).Root!;
    }

    private static string Form(params (string Name, string Value)[] fields) =>
        string.Join('&', fields.Select(f => Uri.EscapeDataString(f.Name) + "=" + Uri.EscapeDataString(f.Value)));

    private async Task<HttpResponseMessage> PostAsync(string form)
    {
        using var content = new StringContent(form, Encoding.UTF8, "application/x-www-form-urlencoded");
        return await http.PostAsync(new Uri(server.ServiceUrl), content);
    }
}
