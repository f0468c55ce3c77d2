using System.Net;
using Amazon.Runtime;
using Amazon.SimpleNotificationService;
using Amazon.SimpleNotificationService.Model;
using ImageLabelsLive.Aws.Notifications;
using ImageLabelsLive.Core.Ports;
using NSubstitute;
using NSubstitute.ExceptionExtensions;

namespace ImageLabelsLive.Aws.Tests.Adapters;

public class SnsFeedSubscriberTests
{
    private const string TopicArn = "arn:aws:sns:eu-west-1:123456789012:ill-results";
    private const string Policy = """{"feedId":["AAAAAAAAAAAAAAAAAAAAAA"]}""";

    private readonly IAmazonSimpleNotificationService sns = Substitute.For<IAmazonSimpleNotificationService>();

    [Fact]
    public async Task SubscribeAsync_NewAddress_EmailProtocolWithFilterPolicyOnAttributesAndPending()
    {
        SubscribeRequest? sent = null;
        sns.SubscribeAsync(Arg.Do<SubscribeRequest>(request => sent = request), Arg.Any<CancellationToken>())
            .Returns(new SubscribeResponse { SubscriptionArn = "pending confirmation" });

        var outcome = await new SnsFeedSubscriber(sns, TopicArn).SubscribeAsync("ann@example.com", Policy, default);

        outcome.ShouldBe(SubscribeOutcome.PendingConfirmation);
        sent.ShouldNotBeNull();
        sent.TopicArn.ShouldBe(TopicArn);
        sent.Protocol.ShouldBe("email");
        sent.Endpoint.ShouldBe("ann@example.com");
        sent.Attributes.ShouldNotBeNull()["FilterPolicy"].ShouldBe(Policy);
        sent.Attributes["FilterPolicyScope"].ShouldBe("MessageAttributes");
        sent.ReturnSubscriptionArn.ShouldBeNull();
    }

    [Fact]
    public async Task SubscribeAsync_AlreadyConfirmedSame_AlreadySubscribed()
    {
        sns.SubscribeAsync(Arg.Any<SubscribeRequest>(), Arg.Any<CancellationToken>())
            .Returns(new SubscribeResponse { SubscriptionArn = TopicArn + ":0b1e6c1d-0000-4000-8000-000000000000" });

        (await new SnsFeedSubscriber(sns, TopicArn).SubscribeAsync("ann@example.com", Policy, default)).ShouldBe(SubscribeOutcome.AlreadySubscribed);
    }

    [Fact]
    public async Task SubscribeAsync_SnsSaysOtherAttributes_SubscribedWithOtherChoices()
    {
        sns.SubscribeAsync(Arg.Any<SubscribeRequest>(), Arg.Any<CancellationToken>()).ThrowsAsync(new InvalidParameterException(
            "Invalid parameter: Attributes Reason: Subscription already exists with different attributes", ErrorType.Sender, "InvalidParameter", "r", HttpStatusCode.BadRequest));

        (await new SnsFeedSubscriber(sns, TopicArn).SubscribeAsync("ann@example.com", Policy, default)).ShouldBe(SubscribeOutcome.SubscribedWithOtherChoices);
    }

    [Fact]
    public async Task SubscribeAsync_OtherInvalidParameter_Thrown()
    {
        sns.SubscribeAsync(Arg.Any<SubscribeRequest>(), Arg.Any<CancellationToken>()).ThrowsAsync(new InvalidParameterException(
            "Invalid parameter: Email address", ErrorType.Sender, "InvalidParameter", "r", HttpStatusCode.BadRequest));

        await Should.ThrowAsync<InvalidParameterException>(() => new SnsFeedSubscriber(sns, TopicArn).SubscribeAsync("ann@example.com", Policy, default));
    }
}
