using System.Text.Json;

namespace ImageLabelsLive.Core.Subscriptions;

/// <summary>
/// The SNS filter policy of a subscription made from the page: {"feedId": [id]}, plus "labels": [names] when labels
/// were chosen. It matches the message attributes every result carries (see <see cref="Notifications.ResultAttributes"/>):
/// the keys are ANDed, the values of one key are any-of, and a String.Array attribute matches when any element does.
/// </summary>
public static class FeedFilterPolicy
{
    public static string For(FeedSubscription subscription)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartArray(Notifications.ResultAttributes.FeedId);
            json.WriteStringValue(subscription.FeedId);
            json.WriteEndArray();
            if (subscription.Labels.Count > 0)
            {
                json.WriteStartArray(Notifications.ResultAttributes.Labels);
                foreach (var label in subscription.Labels)
                {
                    json.WriteStringValue(label);
                }
                json.WriteEndArray();
            }
            json.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
