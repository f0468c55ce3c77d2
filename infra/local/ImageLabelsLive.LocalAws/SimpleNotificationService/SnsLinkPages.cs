using System.Net;
using System.Text;
using ImageLabelsLive.LocalAws.AwsProtocols;

namespace ImageLabelsLive.LocalAws.SimpleNotificationService;

/// <summary>The short pages a person sees after following a confirmation or unsubscribe link, worded as SNS's.</summary>
internal static class SnsLinkPages
{
    public static byte[] Confirmed(SnsSubscription subscription, Uri unsubscribeUrl) => Page(
        "Subscription confirmed!",
        $"<p>You have successfully subscribed.</p><p>Your subscription's id is:<br>{Encode(subscription.SubscriptionArn)}</p>"
        + $"<p>If it was not your intention to subscribe, <a href=\"{Encode(unsubscribeUrl.ToString())}\">click here to unsubscribe</a>.</p>");

    public static byte[] Unsubscribed(string subscriptionArn) => Page(
        "Unsubscribed!",
        $"<p>You have successfully been unsubscribed.</p><p>Your subscription's id is:<br>{Encode(subscriptionArn)}</p>"
        + "<p>You will no longer receive notifications from this topic.</p>");

    public static byte[] Failed(AwsProtocolError error) => Page(
        "Something went wrong",
        $"<p>{Encode(error.Message ?? string.Empty)}</p><p>A confirmation link works for three days; subscribe again to get a new one.</p>");

    private static byte[] Page(string title, string body) => Encoding.UTF8.GetBytes(
        $"<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{Encode(title)}</title></head>"
        + $"<body style=\"font-family:sans-serif;max-width:40em;margin:3em auto\"><h1>{Encode(title)}</h1>{body}</body></html>");

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
