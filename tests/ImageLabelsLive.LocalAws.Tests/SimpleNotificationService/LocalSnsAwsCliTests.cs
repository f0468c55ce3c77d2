using System.Text.Json;
using ImageLabelsLive.LocalAws.Tests.S3;

namespace ImageLabelsLive.LocalAws.Tests.SimpleNotificationService;

/// <summary>The real AWS CLI v2's `sns publish` against the local SNS at its path-prefixed endpoint.</summary>
public sealed class LocalSnsAwsCliTests(LocalSnsServer server) : IClassFixture<LocalSnsServer>
{
    [AwsCliFact]
    public async Task Publish_AwsCliWithAnyCredentials_EmailedWithSubjectAndAttribute()
    {
        server.Smtp.Drain();

        var (exitCode, output, error) = await AwsCli.RunAsync("AKIAANYTHING", "anything",
            "sns", "publish", "--topic-arn", LocalSnsServer.TopicArn, "--subject", "From the CLI", "--message", "hello from aws sns publish",
            "--message-attributes", "{\"feedId\":{\"DataType\":\"String\",\"StringValue\":\"feed-1\"}}",
            "--endpoint-url", server.ServiceUrl, "--region", "us-east-1");

        exitCode.ShouldBe(0, error);
        var messageId = JsonDocument.Parse(output).RootElement.GetProperty("MessageId").GetString();
        var email = await server.Smtp.NextAsync();
        email.Header("Subject").ShouldBe("From the CLI");
        email.Message.ShouldBe("hello from aws sns publish");
        email.Header("X-SNS-MessageId").ShouldBe(messageId);
        email.Header("X-SNS-Attribute-feedId").ShouldBe("feed-1");
    }

    [AwsCliFact]
    public async Task Publish_AwsCliWithTheLocalKey_SignatureVerified()
    {
        server.Smtp.Drain();

        var (exitCode, _, error) = await AwsCli.RunAsync(server.Credentials.AccessKeyId, server.Credentials.SecretAccessKey,
            "sns", "publish", "--topic-arn", LocalSnsServer.TopicArn, "--message", "verified",
            "--endpoint-url", server.ServiceUrl, "--region", "us-east-1");

        exitCode.ShouldBe(0, error);
        (await server.Smtp.NextAsync()).Message.ShouldBe("verified");
    }

    [AwsCliFact]
    public async Task GetTopicAttributes_AwsCli_TopicArnAndCounts()
    {
        var (exitCode, output, error) = await AwsCli.RunAsync("AKIAANYTHING", "anything",
            "sns", "get-topic-attributes", "--topic-arn", LocalSnsServer.TopicArn,
            "--endpoint-url", server.ServiceUrl, "--region", "us-east-1");

        exitCode.ShouldBe(0, error);
        var attributes = JsonDocument.Parse(output).RootElement.GetProperty("Attributes");
        attributes.GetProperty("TopicArn").GetString().ShouldBe(LocalSnsServer.TopicArn);
        attributes.GetProperty("SubscriptionsConfirmed").GetString().ShouldNotBeNullOrEmpty();
    }

    [AwsCliFact]
    public async Task Publish_AwsCliUnknownTopic_NotFound()
    {
        var (exitCode, _, error) = await AwsCli.RunAsync("AKIAANYTHING", "anything",
            "sns", "publish", "--topic-arn", "arn:aws:sns:us-east-1:000000000000:missing", "--message", "x",
            "--endpoint-url", server.ServiceUrl, "--region", "us-east-1");

        exitCode.ShouldNotBe(0);
        error.ShouldContain("NotFound");
    }
}
