namespace ImageLabelsLive.LocalAws.SimpleNotificationService;

/// <summary>
/// One subscription, whatever its protocol: a topic, a protocol and an endpoint (an address, a function ARN…), an
/// optional filter policy, and whether it is confirmed. Protocols that need no confirmation start confirmed.
/// </summary>
internal sealed record SnsSubscription
{
    public required string SubscriptionArn { get; init; }
    public required string TopicArn { get; init; }
    public required string Protocol { get; init; }
    public required string Endpoint { get; init; }
    public required string Owner { get; init; }

    /// <summary>The FilterPolicy attribute as given (JSON), or null for every message.</summary>
    public string? FilterPolicy { get; init; }

    public bool Confirmed { get; init; }

    /// <summary>The token of the confirmation link; null once confirmed.</summary>
    public string? ConfirmationToken { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>ListSubscriptionsByTopic shows pending subscriptions as "PendingConfirmation", as SNS does.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string ListedArn => Confirmed ? SubscriptionArn : "PendingConfirmation";
}
