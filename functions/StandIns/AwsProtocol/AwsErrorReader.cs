using System.Net;
using System.Text.Json;
using System.Xml;
using Amazon.Runtime;

namespace ImageLabelsLive.Aws.AwsProtocol;

/// <summary>Reads an AWS error answer (any protocol) into code, message, request id and fault side.</summary>
internal static class AwsErrorReader
{
    public static AwsError Read(AwsErrorProtocol protocol, HttpStatusCode status, string? errorTypeHeader, string? requestId, ReadOnlySpan<byte> body)
    {
        var (code, message, type, bodyRequestId) = protocol == AwsErrorProtocol.Query ? ReadXml(body) : ReadJson(body);
        code = CleanCode(errorTypeHeader) ?? CleanCode(code);
        var errorType = type switch
        {
            "Sender" => ErrorType.Sender,
            "Receiver" => ErrorType.Receiver,
            _ => (int)status >= 500 ? ErrorType.Receiver : ErrorType.Sender,
        };
        if (string.IsNullOrWhiteSpace(message))
        {
            message = code is null
                ? $"The service answered {(int)status} {status} without an error code."
                : $"The service answered {(int)status} {status}: {code}.";
        }
        return new AwsError(status, code, message, requestId ?? bodyRequestId, errorType);
    }

    /// <summary>
    /// "com.amazonaws.rekognition#ThrottlingException" and "GoneException:http://internal.amazon.com/..." both
    /// name their error after the '#' and before the ':'.
    /// </summary>
    internal static string? CleanCode(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return null;
        }
        var code = raw.Trim();
        var colon = code.IndexOf(':', StringComparison.Ordinal);
        if (colon >= 0)
        {
            code = code[..colon];
        }
        var hash = code.LastIndexOf('#');
        if (hash >= 0)
        {
            code = code[(hash + 1)..];
        }
        return code.Length == 0 ? null : code;
    }

    private static (string? Code, string? Message, string? Type, string? RequestId) ReadJson(ReadOnlySpan<byte> body)
    {
        if (body.IsEmpty)
        {
            return default;
        }
        try
        {
            var reader = new Utf8JsonReader(body);
            using var document = JsonDocument.ParseValue(ref reader);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return default;
            }
            var root = document.RootElement;
            return (Json.String(root, "__type") ?? Json.String(root, "code") ?? Json.String(root, "Code"),
                Json.String(root, "message") ?? Json.String(root, "Message") ?? Json.String(root, "errorMessage"),
                null,
                null);
        }
        catch (JsonException)
        {
            // A proxy's HTML or plain-text page: the status code still tells what happened.
            return default;
        }
    }

    /// <summary>Query protocol: &lt;ErrorResponse&gt;&lt;Error&gt;&lt;Type/&gt;&lt;Code/&gt;&lt;Message/&gt;&lt;/Error&gt;&lt;RequestId/&gt;&lt;/ErrorResponse&gt;.</summary>
    private static (string? Code, string? Message, string? Type, string? RequestId) ReadXml(ReadOnlySpan<byte> body)
    {
        if (body.IsEmpty)
        {
            return default;
        }
        string? code = null, message = null, type = null, requestId = null;
        try
        {
            using var stream = new MemoryStream(body.ToArray(), writable: false);
            using var reader = XmlReader.Create(stream, SafeXml.Settings);
            // ReadElementContentAsString already moves to the next node, so only other nodes advance with Read().
            while (!reader.EOF)
            {
                if (reader.NodeType != XmlNodeType.Element || reader.LocalName is not ("Code" or "Message" or "Type" or "RequestId"))
                {
                    reader.Read();
                    continue;
                }
                var name = reader.LocalName;
                var value = reader.ReadElementContentAsString();
                switch (name)
                {
                    case "Code":
                        code ??= value;
                        break;
                    case "Message":
                        message ??= value;
                        break;
                    case "Type":
                        type ??= value;
                        break;
                    default:
                        requestId ??= value;
                        break;
                }
            }
        }
        catch (XmlException)
        {
            // Keep whatever was read before the document broke off.
        }
        return (code, message, type, requestId);
    }
}

/// <summary>XML reading without DTDs or external resolution: service answers never need them.</summary>
internal static class SafeXml
{
    public static XmlReaderSettings Settings { get; } = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreWhitespace = true,
    };
}
