namespace ImageLabelsLive.LocalAws.SimpleNotificationService;

/// <summary>
/// The links in SNS's emails, pointing at this local SNS itself (where SNS's point at sns.{region}.amazonaws.com):
/// {endpoint}?Action=ConfirmSubscription&amp;TopicArn=…&amp;Token=… and {endpoint}?Action=Unsubscribe&amp;SubscriptionArn=….
/// </summary>
internal static class SnsLinks
{
    public static Uri Confirmation(Uri endpoint, SnsSubscription subscription) =>
        With(endpoint, $"Action=ConfirmSubscription&TopicArn={Uri.EscapeDataString(subscription.TopicArn)}&Token={Uri.EscapeDataString(subscription.ConfirmationToken ?? "")}");

    public static Uri Unsubscribe(Uri endpoint, SnsSubscription subscription) =>
        With(endpoint, $"Action=Unsubscribe&SubscriptionArn={Uri.EscapeDataString(subscription.SubscriptionArn)}");

    private static Uri With(Uri endpoint, string query) => new UriBuilder(endpoint) { Query = query }.Uri;
}
