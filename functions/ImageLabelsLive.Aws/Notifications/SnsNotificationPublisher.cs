using Amazon.SimpleNotificationService;
using Amazon.SimpleNotificationService.Model;
using ImageLabelsLive.Core.Ports;

namespace ImageLabelsLive.Aws.Notifications;

/// <summary>Publishes a result to the SNS topic that emails subscribers; feedId rides along as a message attribute for filtering.</summary>
public sealed class SnsNotificationPublisher(IAmazonSimpleNotificationService sns, string topicArn) : INotificationPublisher
{
    public async Task PublishAsync(Notification notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        await sns.PublishAsync(new PublishRequest
        {
            TopicArn = topicArn,
            Subject = notification.Subject,
            Message = notification.Body,
            MessageAttributes = new Dictionary<string, MessageAttributeValue>(StringComparer.Ordinal)
            {
                ["feedId"] = new MessageAttributeValue { DataType = "String", StringValue = notification.FeedId },
            },
        }, cancellationToken).ConfigureAwait(false);
    }
}
