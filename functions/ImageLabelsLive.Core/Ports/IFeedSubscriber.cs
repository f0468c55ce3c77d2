namespace ImageLabelsLive.Core.Ports;

public enum SubscribeOutcome
{
    /// <summary>SNS emailed a confirmation link (again, if the same subscription was already pending).</summary>
    PendingConfirmation,
    /// <summary>The address already has a confirmed subscription with exactly this filter policy.</summary>
    AlreadySubscribed,
    /// <summary>The address already has a subscription to the topic with another filter policy; SNS allows one per address.</summary>
    SubscribedWithOtherChoices,
}

/// <summary>Subscribes an email address to the results topic (SNS) with a filter policy.</summary>
public interface IFeedSubscriber
{
    Task<SubscribeOutcome> SubscribeAsync(string email, string filterPolicy, CancellationToken cancellationToken);
}
