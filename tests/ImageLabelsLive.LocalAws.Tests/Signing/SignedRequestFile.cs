using System.Security.Cryptography;
using System.Text;
using ImageLabelsLive.LocalAws.Signing;

namespace ImageLabelsLive.LocalAws.Tests.Signing;

/// <summary>
/// Reads the AWS SigV4 test suite's raw HTTP request files ("GET /path?query HTTP/1.1", "Name:value" header lines,
/// indented continuation lines, a blank line, the body) into a <see cref="SigV4Request"/>.
/// </summary>
internal static class SignedRequestFile
{
    public static (SigV4Request Request, byte[] Body) Parse(string text)
    {
        var normalized = text.Replace("\r\n", "\n", StringComparison.Ordinal);
        var split = normalized.IndexOf("\n\n", StringComparison.Ordinal);
        var head = split < 0 ? normalized.TrimEnd('\n') : normalized[..split];
        var body = split < 0 ? string.Empty : normalized[(split + 2)..];
        var lines = head.Split('\n');
        var requestLine = lines[0];
        var method = requestLine[..requestLine.IndexOf(' ', StringComparison.Ordinal)];
        var target = requestLine[(method.Length + 1)..requestLine.LastIndexOf(' ')];
        var headers = new List<KeyValuePair<string, string>>();
        foreach (var line in lines.Skip(1))
        {
            if (line.Length > 0 && char.IsWhiteSpace(line[0]) && headers.Count > 0)
            {
                var last = headers[^1];
                headers[^1] = new(last.Key, last.Value + "\n" + line);
                continue;
            }
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            headers.Add(new(line[..colon], line[(colon + 1)..]));
        }
        var query = target.IndexOf('?', StringComparison.Ordinal);
        var request = new SigV4Request(method, query < 0 ? target : target[..query], query < 0 ? string.Empty : target[(query + 1)..], headers);
        return (request, Encoding.UTF8.GetBytes(body));
    }

    /// <summary>The payload hash a non-S3 service signs: the x-amz-content-sha256 header if sent, else the body's SHA-256.</summary>
    public static string PayloadHash(SigV4Request request, byte[] body) =>
        request.Header("x-amz-content-sha256") ?? Convert.ToHexStringLower(SHA256.HashData(body));
}
