namespace ImageLabelsLive.Core.Ports;

/// <summary>An email-ready message about one image; <see cref="FeedId"/> travels as a message attribute.</summary>
public sealed record Notification(string Subject, string Body, string FeedId);

/// <summary>Publishes to the results topic (SNS), which emails the subscribers.</summary>
public interface INotificationPublisher
{
    Task PublishAsync(Notification notification, CancellationToken cancellationToken);
}
