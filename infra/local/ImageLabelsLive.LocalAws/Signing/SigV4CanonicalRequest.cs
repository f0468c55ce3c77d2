using System.Text;
using Amazon.Util;

namespace ImageLabelsLive.LocalAws.Signing;

/// <summary>How a service turns the wire path into the canonical URI it signs.</summary>
public enum SigV4PathCanonicalization
{
    /// <summary>S3: the decoded path (object keys verbatim: no dot-segment or slash normalization), encoded once.</summary>
    S3,

    /// <summary>Every other service: dot segments and repeated slashes removed, then the wire path encoded again.</summary>
    Normalized,

    /// <summary>As <see cref="Normalized"/> without the normalization (the test suite's "unnormalized" cases).</summary>
    Unnormalized,
}

/// <summary>
/// Rebuilds the canonical request a SigV4 client built before signing, from what arrived on the wire.
/// Percent-encoding is AWSSDK.Core's RFC 3986 encoder (<see cref="AWSSDKUtils.UrlEncode(string, bool)"/>), so the
/// result matches byte for byte what AWSSDK's signers produce.
/// </summary>
public static class SigV4CanonicalRequest
{
    /// <summary>The payload hash S3 presigned URLs sign.</summary>
    public const string UnsignedPayload = "UNSIGNED-PAYLOAD";

    public static string Build(SigV4Request request, SigV4Authorization authorization, string payloadHash, SigV4PathCanonicalization pathCanonicalization)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(authorization);
        ArgumentNullException.ThrowIfNull(payloadHash);
        var builder = new StringBuilder(512);
        builder.Append(request.Method).Append('\n');
        builder.Append(CanonicalUri(request.RawPath, pathCanonicalization)).Append('\n');
        builder.Append(CanonicalQuery(request, excludeSignature: authorization.Location == SigV4SignatureLocation.Query)).Append('\n');
        foreach (var name in authorization.SignedHeaders)
        {
            builder.Append(name).Append(':').Append(CanonicalHeaderValue(request.HeaderValues(name))).Append('\n');
        }
        builder.Append('\n');
        builder.Append(authorization.SignedHeadersText).Append('\n');
        builder.Append(payloadHash);
        return builder.ToString();
    }

    public static string CanonicalUri(string rawPath, SigV4PathCanonicalization pathCanonicalization)
    {
        ArgumentNullException.ThrowIfNull(rawPath);
        var segments = pathCanonicalization switch
        {
            SigV4PathCanonicalization.S3 => Uri.UnescapeDataString(rawPath).Split('/'),
            SigV4PathCanonicalization.Normalized => Normalize(rawPath),
            _ => rawPath.Split('/'),
        };
        var uri = string.Join('/', segments.Select(segment => AWSSDKUtils.UrlEncode(segment, false)));
        return uri.StartsWith('/') ? uri : "/" + uri;
    }

    /// <summary>Every query parameter but the signature itself, encoded, sorted by name then value.</summary>
    public static string CanonicalQuery(SigV4Request request, bool excludeSignature)
    {
        ArgumentNullException.ThrowIfNull(request);
        var pairs = request.QueryParameters
            .Where(p => !(excludeSignature && p.Key == "X-Amz-Signature"))
            .Select(p => (Name: AWSSDKUtils.UrlEncode(p.Key, false), Value: AWSSDKUtils.UrlEncode(p.Value, false)))
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .ThenBy(p => p.Value, StringComparer.Ordinal);
        return string.Join('&', pairs.Select(p => p.Name + "=" + p.Value));
    }

    /// <summary>Values trimmed, inner runs of whitespace collapsed to one space, repeated headers joined by ','.</summary>
    public static string CanonicalHeaderValue(IReadOnlyList<string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return string.Join(',', values.Select(CollapseWhitespace));
    }

    private static string CollapseWhitespace(string value)
    {
        var builder = new StringBuilder(value.Length);
        var pendingSpace = false;
        foreach (var c in value.Trim())
        {
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = true;
                continue;
            }
            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }
            builder.Append(c);
        }
        return builder.ToString();
    }

    /// <summary>RFC 3986 dot-segment removal plus empty-segment removal, keeping a trailing slash.</summary>
    private static string[] Normalize(string rawPath)
    {
        var kept = new List<string>();
        foreach (var segment in rawPath.Split('/'))
        {
            if (segment.Length == 0 || segment == ".")
            {
                continue;
            }
            if (segment == "..")
            {
                if (kept.Count > 0)
                {
                    kept.RemoveAt(kept.Count - 1);
                }
                continue;
            }
            kept.Add(segment);
        }
        var trailingSlash = kept.Count > 0 && rawPath.EndsWith('/');
        return ["", .. kept, .. trailingSlash ? new[] { "" } : []];
    }
}
