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
        "cat.png: Cat, Pet",
        "Labels found in \"cat.png\":\n\n  Cat 98.5%, 1 box\n\nSee the feed: https://ill.example/?feed=AAAAAAAAAAAAAAAAAAAAAA\n",
        "AAAAAAAAAAAAAAAAAAAAAA");

    [Fact]
    public async Task PublishAsync_Notification_SendsTopicSubjectMessageAndTheFeedIdAttribute()
    {
        PublishRequest? sent = null;
        sns.PublishAsync(Arg.Do<PublishRequest>(request => sent = request), Arg.Any<CancellationToken>()).Returns(new PublishResponse { MessageId = "m-1" });

        await new SnsNotificationPublisher(sns, TopicArn).PublishAsync(Email, default);

        sent.ShouldNotBeNull();
        sent.TopicArn.ShouldBe(TopicArn);
        sent.Subject.ShouldBe(Email.Subject);
        sent.Message.ShouldBe(Email.Body);
        var attribute = sent.MessageAttributes.ShouldNotBeNull().ShouldHaveSingleItem();
        attribute.Key.ShouldBe("feedId");
        attribute.Value.DataType.ShouldBe("String");
        attribute.Value.StringValue.ShouldBe(Email.FeedId);
        sent.TargetArn.ShouldBeNull();
        sent.MessageStructure.ShouldBeNull();
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
