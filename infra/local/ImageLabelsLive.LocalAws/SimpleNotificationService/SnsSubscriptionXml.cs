using System.Xml;

namespace ImageLabelsLive.LocalAws.SimpleNotificationService;

/// <summary>The Query protocol's answers to Subscribe, ConfirmSubscription, Unsubscribe, ListSubscriptionsByTopic and ListSubscriptions.</summary>
internal static class SnsSubscriptionXml
{
    public static byte[] Subscribe(string subscriptionArn, string requestId) =>
        Result("Subscribe", requestId, xml => xml.WriteElementString("SubscriptionArn", subscriptionArn));

    public static byte[] ConfirmSubscription(string subscriptionArn, string requestId) =>
        Result("ConfirmSubscription", requestId, xml => xml.WriteElementString("SubscriptionArn", subscriptionArn));

    public static byte[] Unsubscribe(string requestId) => SnsXml.Write(xml =>
    {
        xml.WriteStartElement("UnsubscribeResponse", SnsXml.Namespace);
        Metadata(xml, requestId);
        xml.WriteEndElement();
    });

    /// <summary>ListSubscriptionsByTopic's or ListSubscriptions' answer: the two differ only in their action's name.</summary>
    public static byte[] ListSubscriptions(string action, IEnumerable<SnsSubscription> page, string? nextToken, string requestId) =>
        Result(action, requestId, xml =>
        {
            xml.WriteStartElement("Subscriptions");
            foreach (var subscription in page)
            {
                xml.WriteStartElement("member");
                xml.WriteElementString("TopicArn", subscription.TopicArn);
                xml.WriteElementString("Protocol", subscription.Protocol);
                xml.WriteElementString("SubscriptionArn", subscription.ListedArn);
                xml.WriteElementString("Owner", subscription.Owner);
                xml.WriteElementString("Endpoint", subscription.Endpoint);
                xml.WriteEndElement();
            }
            xml.WriteEndElement();
            if (nextToken is not null)
            {
                xml.WriteElementString("NextToken", nextToken);
            }
        });

    private static byte[] Result(string action, string requestId, Action<XmlWriter> members) => SnsXml.Write(xml =>
    {
        xml.WriteStartElement(action + "Response", SnsXml.Namespace);
        xml.WriteStartElement(action + "Result");
        members(xml);
        xml.WriteEndElement();
        Metadata(xml, requestId);
        xml.WriteEndElement();
    });

    private static void Metadata(XmlWriter xml, string requestId)
    {
        xml.WriteStartElement("ResponseMetadata");
        xml.WriteElementString("RequestId", requestId);
        xml.WriteEndElement();
    }
}
