using ImageLabelsLive.LocalAws.AwsProtocols;

namespace ImageLabelsLive.LocalAws.SimpleNotificationService;

/// <summary>A Query-protocol error: &lt;ErrorResponse&gt;&lt;Error&gt;&lt;Type/&gt;&lt;Code/&gt;&lt;Message/&gt;&lt;/Error&gt;&lt;RequestId/&gt;.</summary>
internal static class SnsErrorXml
{
    /// <summary>Sender for the caller's mistakes, Receiver for the service's own failures.</summary>
    public static string TypeOf(AwsProtocolError error) => error.Status >= 500 ? "Receiver" : "Sender";

    public static byte[] ToXml(AwsProtocolError error, string requestId) => SnsXml.Write(xml =>
    {
        xml.WriteStartElement("ErrorResponse", SnsXml.Namespace);
        xml.WriteStartElement("Error");
        xml.WriteElementString("Type", TypeOf(error));
        xml.WriteElementString("Code", error.Code);
        xml.WriteElementString("Message", error.Message);
        xml.WriteEndElement();
        xml.WriteElementString("RequestId", requestId);
        xml.WriteEndElement();
    });
}
