using System.Text.Json;

namespace ImageLabelsLive.Core.Subscriptions;

/// <summary>
/// The body of POST /feeds/{feedId}/subscriptions as the client sent it (nothing trusted yet). Labels stay raw JSON
/// so that "not a list" can be told apart from a malformed body.
/// </summary>
public sealed record SubscribeToFeedCommand(string? Email, JsonElement? Labels);

/// <summary>202: SNS has emailed a confirmation link; nothing else is sent until the person follows it.</summary>
public sealed record SubscribeToFeedResult(string Status)
{
    public static SubscribeToFeedResult PendingConfirmation { get; } = new("PendingConfirmation");
}

/// <summary>A subscription request that passed validation: the address as typed (trimmed) and the chosen labels, if any.</summary>
public sealed record FeedSubscription(string FeedId, string Email, IReadOnlyList<string> Labels);
