using System.Text.Json;
using ImageLabelsLive.LocalAws.Tests.S3;

namespace ImageLabelsLive.LocalAws.Tests.SimpleNotificationService;

/// <summary>
/// The real AWS CLI v2's `sns subscribe`, `list-subscriptions-by-topic`, `list-subscriptions`, `confirm-subscription` and `unsubscribe`
/// against the local SNS, with any credentials, as against SNS.
/// </summary>
public sealed class LocalSnsSubscriptionAwsCliTests(LocalSnsServer server) : IClassFixture<LocalSnsServer>
{
    [AwsCliFact]
    public async Task SubscribeConfirmListUnsubscribe_AwsCli_WholeLifecycle()
    {
        server.Smtp.Drain();

        var subscribed = await SnsAsync("subscribe", "--topic-arn", LocalSnsServer.TopicArn, "--protocol", "email", "--notification-endpoint", "cli@example.com",
            "--attributes", """{"FilterPolicy":"{\"feedId\":[\"cli-feed\"],\"labels\":[\"Dog\"]}"}""");
        subscribed.GetProperty("SubscriptionArn").GetString().ShouldBe("pending confirmation");

        var pending = Member(await SnsAsync("list-subscriptions-by-topic", "--topic-arn", LocalSnsServer.TopicArn), "cli@example.com");
        pending.GetProperty("SubscriptionArn").GetString().ShouldBe("PendingConfirmation");
        pending.GetProperty("Protocol").GetString().ShouldBe("email");

        var confirmation = await server.Smtp.NextAsync();
        var link = new Uri(confirmation.Body.ReplaceLineEndings("\n").Split('\n').Single(line => line.StartsWith("Confirm subscription: ", StringComparison.Ordinal))["Confirm subscription: ".Length..].Trim());
        var token = System.Web.HttpUtility.ParseQueryString(link.Query)["Token"]!;

        var confirmed = await SnsAsync("confirm-subscription", "--topic-arn", LocalSnsServer.TopicArn, "--token", token);
        var arn = confirmed.GetProperty("SubscriptionArn").GetString()!;
        arn.ShouldStartWith(LocalSnsServer.TopicArn + ":");
        Member(await SnsAsync("list-subscriptions-by-topic", "--topic-arn", LocalSnsServer.TopicArn), "cli@example.com").GetProperty("SubscriptionArn").GetString().ShouldBe(arn);

        var (exitCode, _, error) = await AwsCli.RunAsync("AKIAANYTHING", "anything", "sns", "unsubscribe", "--subscription-arn", arn, "--endpoint-url", server.ServiceUrl, "--region", "us-east-1");
        exitCode.ShouldBe(0, error);
        (await SnsAsync("list-subscriptions-by-topic", "--topic-arn", LocalSnsServer.TopicArn)).GetProperty("Subscriptions").EnumerateArray()
            .Select(s => s.GetProperty("Endpoint").GetString()).ShouldNotContain("cli@example.com");
    }

    [AwsCliFact]
    public async Task ListSubscriptions_AwsCli_EveryTopicsSubscriptionsWithTheirTopic()
    {
        server.Smtp.Drain();
        await SnsAsync("subscribe", "--topic-arn", LocalSnsServer.TopicArn, "--protocol", "email", "--notification-endpoint", "listed@example.com");

        var listed = Member(await SnsAsync("list-subscriptions"), "listed@example.com");

        listed.GetProperty("TopicArn").GetString().ShouldBe(LocalSnsServer.TopicArn);
        listed.GetProperty("SubscriptionArn").GetString().ShouldBe("PendingConfirmation");
        listed.GetProperty("Protocol").GetString().ShouldBe("email");
    }

    [AwsCliFact]
    public async Task ConfirmSubscription_AwsCliUnknownToken_InvalidParameter()
    {
        var (exitCode, _, error) = await AwsCli.RunAsync("AKIAANYTHING", "anything", "sns", "confirm-subscription",
            "--topic-arn", LocalSnsServer.TopicArn, "--token", "0000", "--endpoint-url", server.ServiceUrl, "--region", "us-east-1");

        exitCode.ShouldNotBe(0);
        error.ShouldContain("InvalidParameter");
    }

    private static JsonElement Member(JsonElement list, string endpoint) =>
        list.GetProperty("Subscriptions").EnumerateArray().Single(s => s.GetProperty("Endpoint").GetString() == endpoint);

    private async Task<JsonElement> SnsAsync(params string[] arguments)
    {
        var (exitCode, output, error) = await AwsCli.RunAsync("AKIAANYTHING", "anything",
            ["sns", .. arguments, "--endpoint-url", server.ServiceUrl, "--region", "us-east-1"]);
        exitCode.ShouldBe(0, error);
        return JsonDocument.Parse(output).RootElement.Clone();
    }
}
