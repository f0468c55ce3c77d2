using System.Text;
using System.Xml;
using Microsoft.AspNetCore.Http;

namespace ImageLabelsLive.LocalAws.S3;

/// <summary>A successful answer's XML document, in S3's namespace, written as one buffered body.</summary>
internal static class S3XmlResponse
{
    public const string Namespace = "http://s3.amazonaws.com/doc/2006-03-01/";

    public static async Task WriteAsync(HttpResponse response, Action<XmlWriter> write, CancellationToken cancellationToken)
    {
        using var stream = new MemoryStream();
        using (var xml = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false) }))
        {
            xml.WriteStartDocument();
            write(xml);
        }
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/xml";
        response.ContentLength = stream.Length;
        await response.Body.WriteAsync(stream.ToArray(), cancellationToken).ConfigureAwait(false);
    }
}
