using Amazon.SimpleNotificationService;
using Amazon.SimpleNotificationService.Model;
using ImageLabelsLive.Core.Ports;

namespace ImageLabelsLive.Aws.Notifications;

/// <summary>
/// Subscribes an address to the results topic with the email protocol and a filter policy. SNS emails the
/// confirmation link itself and answers "pending confirmation"; it keeps one subscription per address and topic, and
/// refuses a second one with other attributes (InvalidParameter "Subscription already exists with different attributes").
/// </summary>
public sealed class SnsFeedSubscriber(IAmazonSimpleNotificationService sns, string topicArn) : IFeedSubscriber
{
    public const string PendingConfirmation = "pending confirmation";

    public async Task<SubscribeOutcome> SubscribeAsync(string email, string filterPolicy, CancellationToken cancellationToken)
    {
        try
        {
            var response = await sns.SubscribeAsync(new SubscribeRequest
            {
                TopicArn = topicArn,
                Protocol = "email",
                Endpoint = email,
                Attributes = new Dictionary<string, string>(StringComparer.Ordinal)
                {
                    ["FilterPolicy"] = filterPolicy,
                    ["FilterPolicyScope"] = "MessageAttributes",
                },
            }, cancellationToken).ConfigureAwait(false);
            return string.Equals(response.SubscriptionArn, PendingConfirmation, StringComparison.OrdinalIgnoreCase)
                ? SubscribeOutcome.PendingConfirmation
                : SubscribeOutcome.AlreadySubscribed;
        }
        catch (InvalidParameterException refused) when (refused.Message.Contains("already exists with different attributes", StringComparison.OrdinalIgnoreCase))
        {
            return SubscribeOutcome.SubscribedWithOtherChoices;
        }
    }
}
