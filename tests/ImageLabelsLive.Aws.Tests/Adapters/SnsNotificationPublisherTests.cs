using System.Net;
using Amazon.Runtime;
using Amazon.SimpleNotificationService;
using Amazon.SimpleNotificationService.Model;
using ImageLabelsLive.Aws.Notifications;
using ImageLabelsLive.Core.Ports;
using NSubstitute;
using NSubstitute.ExceptionExtensions;

namespace ImageLabelsLive.Aws.Tests.Adapters;

public class SnsNotificationPublisherTests
{
    private const string TopicArn = "arn:aws:sns:eu-west-1:123456789012:ill-results";

    private readonly IAmazonSimpleNotificationService sns = Substitute.For<IAmazonSimpleNotificationService>();

    private static readonly Notification Email = new(
        "2 labels in cat.png: Cat, Pet",
        "File: cat.png\n\n2 labels:\n  Cat 98.5%, 1 box\n  Pet 98.5%\n\nOpen it in its feed:\nhttps://ill.example/?feed=AAAAAAAAAAAAAAAAAAAAAA&image=i\n",
        "AAAAAAAAAAAAAAAAAAAAAA")
    {
        Status = "labeled",
        Labels = ["Cat", "Pet \"small\""],
    };

    [Fact]
    public async Task PublishAsync_Notification_SendsTopicSubjectMessageAndTheFilterAttributes()
    {
        PublishRequest? sent = null;
        sns.PublishAsync(Arg.Do<PublishRequest>(request => sent = request), Arg.Any<CancellationToken>()).Returns(new PublishResponse { MessageId = "m-1" });

        await new SnsNotificationPublisher(sns, TopicArn).PublishAsync(Email, default);

        sent.ShouldNotBeNull();
        sent.TopicArn.ShouldBe(TopicArn);
        sent.Subject.ShouldBe(Email.Subject);
        sent.Message.ShouldBe(Email.Body);
        var attributes = sent.MessageAttributes.ShouldNotBeNull();
        attributes.Keys.ShouldBe(["feedId", "status", "labels"], ignoreOrder: true);
        attributes["feedId"].DataType.ShouldBe("String");
        attributes["feedId"].StringValue.ShouldBe(Email.FeedId);
        attributes["status"].DataType.ShouldBe("String");
        attributes["status"].StringValue.ShouldBe("labeled");
        // SNS requires a String.Array's value to be a JSON array.
        attributes["labels"].DataType.ShouldBe("String.Array");
        System.Text.Json.JsonSerializer.Deserialize<string[]>(attributes["labels"].StringValue!).ShouldBe(["Cat", "Pet \"small\""]);
        sent.TargetArn.ShouldBeNull();
        sent.MessageStructure.ShouldBeNull();
    }

    [Fact]
    public async Task PublishAsync_FailedImage_LabelsAttributeIsAnEmptyJsonArray()
    {
        PublishRequest? sent = null;
        sns.PublishAsync(Arg.Do<PublishRequest>(request => sent = request), Arg.Any<CancellationToken>()).Returns(new PublishResponse { MessageId = "m-2" });

        await new SnsNotificationPublisher(sns, TopicArn).PublishAsync(Email with { Status = "failed", Labels = [] }, default);

        sent.ShouldNotBeNull().MessageAttributes!["labels"].StringValue.ShouldBe("[]");
        sent.MessageAttributes!["status"].StringValue.ShouldBe("failed");
    }

    [Fact]
    public async Task PublishAsync_ServiceFails_ThrowsSoTheClaimIsReleased()
    {
        var failure = new AmazonSimpleNotificationServiceException("Internal", ErrorType.Receiver, "InternalError", "r1", HttpStatusCode.InternalServerError);
        sns.PublishAsync(Arg.Any<PublishRequest>(), Arg.Any<CancellationToken>()).ThrowsAsync(failure);

        var thrown = await Should.ThrowAsync<AmazonSimpleNotificationServiceException>(() => new SnsNotificationPublisher(sns, TopicArn).PublishAsync(Email, default));

        thrown.ShouldBeSameAs(failure);
    }
}
