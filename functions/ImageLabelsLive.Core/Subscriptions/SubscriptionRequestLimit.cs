using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ImageLabelsLive.Core.Subscriptions;

/// <summary>
/// Each subscription request makes SNS email a confirmation link to an address the requester names, so the API could be
/// used to flood a third party. At most <see cref="PerHour"/> requests are let through per feed and per address in each
/// clock hour. Five covers a person retyping a mistyped address or changing their labels a few times, and a small team
/// sharing a feed; it bounds what one feed can send to strangers, and what any number of feeds can send to one
/// address, to five confirmation emails an hour.
/// </summary>
public static class SubscriptionRequestLimit
{
    public const int PerHour = 5;

    /// <summary>The counters one request takes a slot in, and when they stop mattering (the end of the hour).</summary>
    public static (IReadOnlyList<string> Counters, DateTimeOffset WindowEnds) For(FeedSubscription subscription, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        var hour = new DateTimeOffset(now.UtcDateTime.Year, now.UtcDateTime.Month, now.UtcDateTime.Day, now.UtcDateTime.Hour, 0, 0, TimeSpan.Zero);
        var window = hour.ToString("yyyyMMddHH", CultureInfo.InvariantCulture);
        return (["feed#" + subscription.FeedId + "#" + window, "address#" + AddressKey(subscription.Email) + "#" + window], hour.AddHours(1));
    }

    /// <summary>The counters keep a hash of the address, not the address: the table should not become a mailing list.</summary>
    public static string AddressKey(string email)
    {
        ArgumentNullException.ThrowIfNull(email);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(email.Trim().ToLowerInvariant())));
    }
}
