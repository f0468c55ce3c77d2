namespace ImageLabelsLive.LocalAws.SimpleNotificationService;

/// <summary>A published message on its way to one subscription: the message, its id and time, and the unsubscribe link.</summary>
internal sealed record SnsDelivery(SnsPublishRequest Message, string MessageId, DateTimeOffset Timestamp, Uri UnsubscribeUrl);

/// <summary>
/// A delivery protocol of the local SNS (email today). Each protocol is one class registered in
/// <see cref="LocalSnsExtensions.AddLocalSns"/>; subscriptions, filtering and confirmation are the same for all.
/// </summary>
internal interface ISnsProtocol
{
    /// <summary>The Protocol value of Subscribe, e.g. "email".</summary>
    string Name { get; }

    /// <summary>Email must be confirmed by the person; e.g. a Lambda subscription by the topic's owner is confirmed at once.</summary>
    bool RequiresConfirmation { get; }

    /// <summary>Null when the endpoint is one this protocol can deliver to, else SNS's reason.</summary>
    string? ValidateEndpoint(string endpoint);

    /// <summary>Sends the confirmation request with its link (only called when <see cref="RequiresConfirmation"/>).</summary>
    Task SendConfirmationAsync(SnsSubscription subscription, Uri confirmationUrl, CancellationToken cancellationToken);

    Task DeliverAsync(SnsSubscription subscription, SnsDelivery delivery, CancellationToken cancellationToken);
}
