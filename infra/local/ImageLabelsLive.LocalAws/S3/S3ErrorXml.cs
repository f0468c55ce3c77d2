using System.Text;
using System.Xml;
using ImageLabelsLive.LocalAws.AwsProtocols;
using Microsoft.AspNetCore.Http;

namespace ImageLabelsLive.LocalAws.S3;

/// <summary>S3's error document: &lt;Error&gt;&lt;Code/&gt;&lt;Message/&gt;…details…&lt;RequestId/&gt;&lt;HostId/&gt;&lt;/Error&gt;.</summary>
internal static class S3ErrorXml
{
    /// <summary>Writes the error as S3 does: XML for most requests, the status alone for HEAD.</summary>
    public static async Task WriteAsync(AwsProtocolError error, HttpResponse response, string requestId, string hostId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.StatusCode = error.Status;
        if (HttpMethods.IsHead(response.HttpContext.Request.Method))
        {
            return;
        }
        var body = ToXml(error, requestId, hostId);
        response.ContentType = "application/xml";
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body, cancellationToken).ConfigureAwait(false);
    }

    public static byte[] ToXml(AwsProtocolError error, string requestId, string hostId)
    {
        using var stream = new MemoryStream();
        using (var xml = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false) }))
        {
            xml.WriteStartDocument();
            xml.WriteStartElement("Error");
            xml.WriteElementString("Code", error.Code);
            xml.WriteElementString("Message", error.Message);
            foreach (var (name, value) in error.Details ?? [])
            {
                xml.WriteElementString(name, value);
            }
            xml.WriteElementString("RequestId", requestId);
            xml.WriteElementString("HostId", hostId);
            xml.WriteEndElement();
        }
        return stream.ToArray();
    }
}
