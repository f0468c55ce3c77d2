using System.Text;
using System.Xml;

namespace ImageLabelsLive.LocalAws.SimpleNotificationService;

/// <summary>The Query protocol's XML documents.</summary>
internal static class SnsXml
{
    public const string ApiVersion = "2010-03-31";
    public const string Namespace = "http://sns.amazonaws.com/doc/2010-03-31/";

    public static byte[] Publish(string messageId, string requestId) => Write(xml =>
    {
        xml.WriteStartElement("PublishResponse", Namespace);
        xml.WriteStartElement("PublishResult");
        xml.WriteElementString("MessageId", messageId);
        xml.WriteEndElement();
        WriteMetadata(xml, requestId);
        xml.WriteEndElement();
    });

    public static byte[] ListTopics(IEnumerable<string> topicArns, string requestId) => Write(xml =>
    {
        xml.WriteStartElement("ListTopicsResponse", Namespace);
        xml.WriteStartElement("ListTopicsResult");
        xml.WriteStartElement("Topics");
        foreach (var arn in topicArns)
        {
            xml.WriteStartElement("member");
            xml.WriteElementString("TopicArn", arn);
            xml.WriteEndElement();
        }
        xml.WriteEndElement();
        xml.WriteEndElement();
        WriteMetadata(xml, requestId);
        xml.WriteEndElement();
    });

    /// <summary>GetTopicAttributes' answer: the attributes as a map of entry/key/value.</summary>
    public static byte[] TopicAttributes(IEnumerable<KeyValuePair<string, string>> attributes, string requestId) => Write(xml =>
    {
        xml.WriteStartElement("GetTopicAttributesResponse", Namespace);
        xml.WriteStartElement("GetTopicAttributesResult");
        xml.WriteStartElement("Attributes");
        foreach (var (key, value) in attributes)
        {
            xml.WriteStartElement("entry");
            xml.WriteElementString("key", key);
            xml.WriteElementString("value", value);
            xml.WriteEndElement();
        }
        xml.WriteEndElement();
        xml.WriteEndElement();
        WriteMetadata(xml, requestId);
        xml.WriteEndElement();
    });

    public static byte[] Write(Action<XmlWriter> write)
    {
        using var stream = new MemoryStream();
        using (var xml = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false) }))
        {
            xml.WriteStartDocument();
            write(xml);
        }
        return stream.ToArray();
    }

    private static void WriteMetadata(XmlWriter xml, string requestId)
    {
        xml.WriteStartElement("ResponseMetadata");
        xml.WriteElementString("RequestId", requestId);
        xml.WriteEndElement();
    }
}
