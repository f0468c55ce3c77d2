using System.Xml;
using ImageLabelsLive.Aws.AwsProtocol;

namespace Amazon.SimpleNotificationService.Model.Internal.MarshallTransformations;

/// <summary>
/// Reads a Query-protocol answer, &lt;XResponse&gt;&lt;XResult&gt;…&lt;/XResult&gt;&lt;ResponseMetadata&gt;&lt;RequestId/&gt;…:
/// the text of each named element, by its local name, the first one found.
/// </summary>
internal static class QueryResultReader
{
    public const string RequestId = "RequestId";

    public static Dictionary<string, string> Read(byte[] body, params string[] names)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        using var stream = new MemoryStream(body, writable: false);
        using var reader = XmlReader.Create(stream, SafeXml.Settings);
        // ReadElementContentAsString already moves to the next node, so only other nodes advance with Read().
        while (!reader.EOF)
        {
            if (reader.NodeType != XmlNodeType.Element || Array.IndexOf(names, reader.LocalName) < 0)
            {
                reader.Read();
                continue;
            }
            var name = reader.LocalName;
            values.TryAdd(name, reader.ReadElementContentAsString());
        }
        return values;
    }

    /// <summary>The request id from the x-amzn-RequestId header, else from the body's ResponseMetadata.</summary>
    public static Runtime.ResponseMetadata Metadata(AwsResponse response, Dictionary<string, string> values) =>
        new() { RequestId = response.RequestId ?? values.GetValueOrDefault(RequestId) };
}
