using System.Text;
using System.Xml;
using Microsoft.AspNetCore.Http;

namespace ImageLabelsLive.LocalAws.SimpleNotificationService;

/// <summary>An SNS Query-protocol error: &lt;ErrorResponse&gt;&lt;Error&gt;&lt;Type/&gt;&lt;Code/&gt;&lt;Message/&gt;&lt;/Error&gt;&lt;RequestId/&gt;.</summary>
internal sealed record SnsError(int Status, string Code, string Message)
{
    public static SnsError NotFound(string message) => new(StatusCodes.Status404NotFound, "NotFound", message);

    public static SnsError InvalidParameter(string message) => new(StatusCodes.Status400BadRequest, "InvalidParameter", message);

    public static SnsError InvalidParameterValue(string message) => new(StatusCodes.Status400BadRequest, "InvalidParameterValue", message);

    public static SnsError InvalidAction(string action) =>
        new(StatusCodes.Status400BadRequest, "InvalidAction", $"Could not find operation {action} for version {SnsXml.ApiVersion}");

    public static SnsError MissingAction() => new(StatusCodes.Status400BadRequest, "MissingAction", "Missing Action");

    public static SnsError SignatureDoesNotMatch(string message) => new(StatusCodes.Status403Forbidden, "SignatureDoesNotMatch", message);

    public static SnsError IncompleteSignature(string message) => new(StatusCodes.Status400BadRequest, "IncompleteSignature", message);

    public static SnsError InternalError(string message) => new(StatusCodes.Status500InternalServerError, "InternalError", message);

    /// <summary>Sender for the caller's mistakes, Receiver for the service's own failures.</summary>
    public string Type => Status >= 500 ? "Receiver" : "Sender";

    public byte[] ToXml(string requestId) => SnsXml.Write(xml =>
    {
        xml.WriteStartElement("ErrorResponse", SnsXml.Namespace);
        xml.WriteStartElement("Error");
        xml.WriteElementString("Type", Type);
        xml.WriteElementString("Code", Code);
        xml.WriteElementString("Message", Message);
        xml.WriteEndElement();
        xml.WriteElementString("RequestId", requestId);
        xml.WriteEndElement();
    });
}

internal sealed class SnsErrorException(SnsError error) : Exception(error.Code + ": " + error.Message)
{
    public SnsError Error { get; } = error;
}

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
