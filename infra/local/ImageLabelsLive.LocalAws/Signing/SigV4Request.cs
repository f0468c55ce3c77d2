using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace ImageLabelsLive.LocalAws.Signing;

/// <summary>
/// A request as it was on the wire, which is what a SigV4 signature covers: the method, the path exactly as the client
/// encoded it, the raw query string, and every header value. Independent of ASP.NET Core so test vectors can drive it.
/// </summary>
public sealed class SigV4Request
{
    private readonly Dictionary<string, List<string>> headers = new(StringComparer.OrdinalIgnoreCase);

    /// <param name="method">The HTTP method.</param>
    /// <param name="rawPath">The path as sent (percent-encoded as the client encoded it), without the query.</param>
    /// <param name="rawQuery">The query as sent, without the leading '?'.</param>
    /// <param name="headerValues">Every header line; a repeated name contributes one entry per line.</param>
    public SigV4Request(string method, string rawPath, string rawQuery, IEnumerable<KeyValuePair<string, string>> headerValues)
    {
        ArgumentException.ThrowIfNullOrEmpty(method);
        ArgumentNullException.ThrowIfNull(rawPath);
        ArgumentNullException.ThrowIfNull(headerValues);
        Method = method.ToUpperInvariant();
        RawPath = rawPath.Length == 0 ? "/" : rawPath;
        RawQuery = (rawQuery ?? string.Empty).TrimStart('?');
        foreach (var (name, value) in headerValues)
        {
            if (!headers.TryGetValue(name, out var values))
            {
                values = [];
                headers[name] = values;
            }
            values.Add(value);
        }
        QueryParameters = ParseUrlEncoded(RawQuery);
    }

    public string Method { get; }

    public string RawPath { get; }

    public string RawQuery { get; }

    /// <summary>The query's name/value pairs, decoded ('+' as a space, as AWS reads a query), in wire order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> QueryParameters { get; }

    public IEnumerable<string> HeaderNames => headers.Keys;

    /// <summary>All values of a header, in wire order; empty when absent.</summary>
    public IReadOnlyList<string> HeaderValues(string name) =>
        headers.TryGetValue(name, out var values) ? values : [];

    /// <summary>A header's values joined by ',' (one value for the usual single header), or null when absent.</summary>
    public string? Header(string name) =>
        headers.TryGetValue(name, out var values) ? string.Join(',', values) : null;

    /// <summary>The first value of a query parameter (names compare exactly, as AWS compares them), or null.</summary>
    public string? Query(string name)
    {
        foreach (var (key, value) in QueryParameters)
        {
            if (string.Equals(key, name, StringComparison.Ordinal))
            {
                return value;
            }
        }
        return null;
    }

    /// <summary>Reads the request as Kestrel received it: the raw request target, not the decoded path.</summary>
    public static SigV4Request FromHttpRequest(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var target = request.HttpContext.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (string.IsNullOrEmpty(target) || target[0] != '/')
        {
            // Absolute-form targets and test servers without a raw target: rebuild it from the parsed parts.
            target = (request.PathBase + request.Path).ToUriComponent() + request.QueryString.ToUriComponent();
        }
        var queryStart = target.IndexOf('?', StringComparison.Ordinal);
        var rawPath = queryStart < 0 ? target : target[..queryStart];
        var rawQuery = queryStart < 0 ? string.Empty : target[(queryStart + 1)..];
        var pairs = new List<KeyValuePair<string, string>>();
        foreach (var (name, values) in request.Headers)
        {
            foreach (var value in values)
            {
                pairs.Add(new(name, value ?? string.Empty));
            }
        }
        return new SigV4Request(request.Method, rawPath, rawQuery, pairs);
    }

    /// <summary>Splits "a=1&amp;b=2" (a query, or a form body) into decoded pairs, in order; '+' reads as a space.</summary>
    internal static List<KeyValuePair<string, string>> ParseUrlEncoded(string encoded)
    {
        var result = new List<KeyValuePair<string, string>>();
        foreach (var part in encoded.Split('&'))
        {
            if (part.Length == 0)
            {
                continue;
            }
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? part : part[..equals];
            var value = equals < 0 ? string.Empty : part[(equals + 1)..];
            result.Add(new(WebUtility.UrlDecode(name), WebUtility.UrlDecode(value)));
        }
        return result;
    }
}
