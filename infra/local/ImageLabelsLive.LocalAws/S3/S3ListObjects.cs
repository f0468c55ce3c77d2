using System.Globalization;
using System.Text;
using System.Xml;
using Microsoft.AspNetCore.Http;

namespace ImageLabelsLive.LocalAws.S3;

/// <summary>
/// ListObjectsV2 (and the older ListObjects) on a bucket: the keys under a prefix in UTF-8 order, rolled up into
/// common prefixes at a delimiter, at most max-keys (up to 1,000) a page, URL-encoded when the caller asks for it (the
/// AWS CLI always does). The bucket is private, so listing takes a signed request.
/// </summary>
internal sealed class S3ListObjects(LocalS3Options options, S3ObjectStore store)
{
    private const int MaxKeysLimit = 1000;

    /// <summary>The query parameters a listing reads; any other names a call this stand-in does not play.</summary>
    public static readonly string[] Parameters =
        ["list-type", "prefix", "delimiter", "max-keys", "continuation-token", "start-after", "encoding-type", "fetch-owner", "marker", "x-id"];

    public async Task HandleAsync(S3Call call)
    {
        if (call.Caller.Authorization is null)
        {
            throw new S3ErrorException(S3Error.AccessDenied("Access Denied: a bucket can only be listed with a signed request."));
        }
        var query = call.Wire.QueryParameters;
        string? Get(string name) => query.FirstOrDefault(p => p.Key == name).Value;
        var v2 = Get("list-type") switch
        {
            null => false,
            "2" => true,
            var other => throw new S3ErrorException(S3Error.InvalidArgument($"Invalid List Type specified: {other}")),
        };
        var encode = Get("encoding-type") switch
        {
            null => false,
            "url" => true,
            _ => throw new S3ErrorException(S3Error.InvalidArgument("Invalid Encoding Method specified in Request")),
        };
        var request = new S3ListRequest(
            Get("prefix") ?? string.Empty,
            Get("delimiter") is { Length: > 0 } delimiter ? delimiter : null,
            MaxKeys(Get("max-keys")));
        var continuation = v2 ? Get("continuation-token") : null;
        var startAfter = v2 ? Get("start-after") : Get("marker");
        var page = Page(store.List(call.Bucket, request.Prefix), request, continuation is null ? startAfter : ReadToken(continuation));

        string Encoded(string value) => encode ? Uri.EscapeDataString(value) : value;
        var fetchOwner = !v2 || string.Equals(Get("fetch-owner"), "true", StringComparison.OrdinalIgnoreCase);
        await S3XmlResponse.WriteAsync(call.Http.Response, xml =>
        {
            xml.WriteStartElement("ListBucketResult", S3XmlResponse.Namespace);
            xml.WriteElementString("Name", call.Bucket);
            xml.WriteElementString("Prefix", Encoded(request.Prefix));
            if (v2)
            {
                WriteIfSet(xml, "ContinuationToken", continuation);
                WriteIfSet(xml, "StartAfter", startAfter is null ? null : Encoded(startAfter));
                xml.WriteElementString("KeyCount", (page.Objects.Count + page.CommonPrefixes.Count).ToString(CultureInfo.InvariantCulture));
            }
            else
            {
                xml.WriteElementString("Marker", Encoded(startAfter ?? string.Empty));
            }
            xml.WriteElementString("MaxKeys", request.MaxKeys.ToString(CultureInfo.InvariantCulture));
            WriteIfSet(xml, "Delimiter", request.Delimiter is null ? null : Encoded(request.Delimiter));
            WriteIfSet(xml, "EncodingType", encode ? "url" : null);
            xml.WriteElementString("IsTruncated", page.IsTruncated ? "true" : "false");
            if (page.IsTruncated)
            {
                xml.WriteElementString(v2 ? "NextContinuationToken" : "NextMarker", v2 ? WriteToken(page.Last!) : Encoded(page.Last!));
            }
            foreach (var listed in page.Objects)
            {
                xml.WriteStartElement("Contents");
                xml.WriteElementString("Key", Encoded(listed.Key));
                xml.WriteElementString("LastModified", listed.LastModified.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
                xml.WriteElementString("ETag", listed.QuotedETag);
                xml.WriteElementString("Size", listed.Size.ToString(CultureInfo.InvariantCulture));
                if (fetchOwner)
                {
                    xml.WriteStartElement("Owner");
                    xml.WriteElementString("ID", options.OwnerId);
                    xml.WriteElementString("DisplayName", "local");
                    xml.WriteEndElement();
                }
                xml.WriteElementString("StorageClass", "STANDARD");
                xml.WriteEndElement();
            }
            foreach (var commonPrefix in page.CommonPrefixes)
            {
                xml.WriteStartElement("CommonPrefixes");
                xml.WriteElementString("Prefix", Encoded(commonPrefix));
                xml.WriteEndElement();
            }
            xml.WriteEndElement();
        }, call.Http.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>
    /// One page after <paramref name="after"/> (a key or a common prefix; none for the first page). Every key under a
    /// common prefix counts once, as that prefix; a page that stops early names the last entry it holds.
    /// </summary>
    internal static S3ListPage Page(IReadOnlyList<S3ObjectInfo> listed, S3ListRequest request, string? after)
    {
        if (request.MaxKeys == 0)
        {
            return new S3ListPage([], [], IsTruncated: false, null);
        }
        var afterRolledUp = after is not null && request.CommonPrefixOf(after) == after;
        var objects = new List<S3ObjectInfo>();
        var commonPrefixes = new List<string>();
        string? last = null;
        foreach (var candidate in listed)
        {
            if (after is not null
                && (S3KeyOrder.Compare(candidate.Key, after) <= 0 || (afterRolledUp && candidate.Key.StartsWith(after, StringComparison.Ordinal))))
            {
                continue;
            }
            var commonPrefix = request.CommonPrefixOf(candidate.Key);
            if (commonPrefix is not null && commonPrefix == last)
            {
                continue;
            }
            if (objects.Count + commonPrefixes.Count == request.MaxKeys)
            {
                return new S3ListPage(objects, commonPrefixes, IsTruncated: true, last);
            }
            if (commonPrefix is null)
            {
                objects.Add(candidate);
            }
            else
            {
                commonPrefixes.Add(commonPrefix);
            }
            last = commonPrefix ?? candidate.Key;
        }
        return new S3ListPage(objects, commonPrefixes, IsTruncated: false, last);
    }

    private static int MaxKeys(string? value)
    {
        if (value is null)
        {
            return MaxKeysLimit;
        }
        if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var maxKeys))
        {
            throw new S3ErrorException(S3Error.InvalidArgument("Provided max-keys not an integer or within integer range"));
        }
        return Math.Min(maxKeys, MaxKeysLimit);
    }

    private static void WriteIfSet(XmlWriter xml, string name, string? value)
    {
        if (value is not null)
        {
            xml.WriteElementString(name, value);
        }
    }

    // The token is opaque to clients: here it is the last entry of the page, base64url-encoded.
    private static string WriteToken(string last) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(last)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string ReadToken(string token)
    {
        var base64 = token.Replace('-', '+').Replace('_', '/');
        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=')));
        }
        catch (FormatException)
        {
            throw new S3ErrorException(S3Error.InvalidArgument("The continuation token provided is incorrect"));
        }
    }
}
