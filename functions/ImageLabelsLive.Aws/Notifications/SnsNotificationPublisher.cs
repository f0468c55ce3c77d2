using Amazon.SimpleNotificationService;
using Amazon.SimpleNotificationService.Model;
using System.Text.Json;
using System.Text.Json.Serialization;
using ImageLabelsLive.Core.Notifications;
using ImageLabelsLive.Core.Ports;

namespace ImageLabelsLive.Aws.Notifications;

/// <summary>
/// Publishes a result to the SNS topic that emails subscribers, with the attributes their filter policies match:
/// feedId and status (String) and labels (String.Array, whose value SNS requires to be a JSON array).
/// </summary>
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
                [ResultAttributes.FeedId] = new MessageAttributeValue { DataType = "String", StringValue = notification.FeedId },
                [ResultAttributes.Status] = new MessageAttributeValue { DataType = "String", StringValue = notification.Status },
                [ResultAttributes.Labels] = new MessageAttributeValue
                {
                    DataType = "String.Array",
                    StringValue = JsonSerializer.Serialize(notification.Labels, NotificationJson.Default.IReadOnlyListString),
                },
            },
        }, cancellationToken).ConfigureAwait(false);
    }
}

/// <summary>The labels attribute's JSON array, source-generated for trimming.</summary>
[JsonSerializable(typeof(IReadOnlyList<string>))]
internal sealed partial class NotificationJson : JsonSerializerContext;
