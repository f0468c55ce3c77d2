namespace ImageLabelsLive.Core.Ports;

/// <summary>
/// An email-ready message about one image. <see cref="FeedId"/>, <see cref="Status"/> and <see cref="Labels"/> travel as
/// message attributes, which subscriptions' filter policies match (see Notifications.ResultAttributes).
/// </summary>
public sealed record Notification(string Subject, string Body, string FeedId)
{
    /// <summary>labeled or failed.</summary>
    public string Status { get; init; } = "";

    /// <summary>The image's label names; empty for a failed image.</summary>
    public IReadOnlyList<string> Labels { get; init; } = [];
}

/// <summary>Publishes to the results topic (SNS), which emails the subscribers.</summary>
public interface INotificationPublisher
{
    Task PublishAsync(Notification notification, CancellationToken cancellationToken);
}
