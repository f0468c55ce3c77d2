using ImageLabelsLive.Core.Images;
using ImageLabelsLive.Core.Ports;

namespace ImageLabelsLive.Core.Subscriptions;

/// <summary>How the web API answers a subscription request.</summary>
public enum SubscribeToFeedAnswer
{
    /// <summary>202: the confirmation email is on its way.</summary>
    Accepted,
    /// <summary>200: the address already gets this feed's results with these labels; nothing was sent.</summary>
    AlreadySubscribed,
    /// <summary>400: the request is not valid.</summary>
    Invalid,
    /// <summary>409: the address already has a subscription with other choices.</summary>
    Conflict,
    /// <summary>429: the feed or the address reached the hour's limit.</summary>
    TooMany,
}

/// <summary>
/// POST /feeds/{feedId}/subscriptions: validates, counts the request against the flood limit (per feed and per address,
/// <see cref="SubscriptionRequestLimit.PerHour"/> an hour), then subscribes the address to the results topic with the
/// feed's filter policy. SNS sends its confirmation email; nothing else reaches the address until it is confirmed.
/// </summary>
public sealed class SubscribeToFeedHandler(ISubscriptionRequestCounter counters, IFeedSubscriber subscriber, TimeProvider clock)
{
    public async Task<(SubscribeToFeedAnswer Answer, SubscribeToFeedResult? Result, ImageError? Error)> HandleAsync(
        string? feedId, SubscribeToFeedCommand? command, CancellationToken cancellationToken)
    {
        var (subscription, invalid) = SubscribeToFeedValidator.Validate(feedId, command);
        if (subscription is null)
        {
            return (SubscribeToFeedAnswer.Invalid, null, invalid);
        }
        var (names, windowEnds) = SubscriptionRequestLimit.For(subscription, clock.GetUtcNow());
        var taken = new List<string>(names.Count);
        foreach (var counter in names)
        {
            if (!await counters.TryTakeAsync(counter, SubscriptionRequestLimit.PerHour, windowEnds, cancellationToken).ConfigureAwait(false))
            {
                await ReleaseAsync(taken).ConfigureAwait(false);
                return (SubscribeToFeedAnswer.TooMany, null, new ImageError(
                    "TooManySubscriptions",
                    $"At most {SubscriptionRequestLimit.PerHour} subscription requests an hour are accepted for a feed and for an address; try again after {windowEnds:HH:mm} UTC."));
            }
            taken.Add(counter);
        }

        // A failed call keeps its slots: SNS may have sent the confirmation before the answer was lost.
        var outcome = await subscriber.SubscribeAsync(subscription.Email, FeedFilterPolicy.For(subscription), cancellationToken).ConfigureAwait(false);
        switch (outcome)
        {
            case SubscribeOutcome.PendingConfirmation:
                return (SubscribeToFeedAnswer.Accepted, SubscribeToFeedResult.PendingConfirmation, null);
            case SubscribeOutcome.AlreadySubscribed:
                await ReleaseAsync(taken).ConfigureAwait(false);
                return (SubscribeToFeedAnswer.AlreadySubscribed, new SubscribeToFeedResult("Subscribed"), null);
            default:
                await ReleaseAsync(taken).ConfigureAwait(false);
                return (SubscribeToFeedAnswer.Conflict, null, new ImageError(
                    "SubscribedWithOtherChoices",
                    "This address already gets results with other choices (another feed or other labels), and email allows one subscription per address. Use the unsubscribe link at the bottom of one of those emails, then subscribe again."));
        }
    }

    // Nothing was sent, so the slots go back; a release must not be cancelled halfway.
    private async Task ReleaseAsync(IEnumerable<string> taken)
    {
        foreach (var counter in taken)
        {
            await counters.ReleaseAsync(counter, CancellationToken.None).ConfigureAwait(false);
        }
    }
}
