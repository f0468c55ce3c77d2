namespace ImageLabelsLive.LocalAws.S3;

/// <summary>What a path-style request names: no bucket (the service), a bucket alone, or an object in a bucket.</summary>
internal readonly record struct S3ResourcePath(string? Bucket, string? Key)
{
    /// <summary>Reads {prefix}/{bucket}/{key} (each part URL-decoded); an empty key names the bucket.</summary>
    public static S3ResourcePath Parse(string rawPath, string pathPrefix)
    {
        var prefix = pathPrefix.TrimEnd('/');
        var rest = rawPath.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) ? rawPath[prefix.Length..] : rawPath;
        rest = rest.TrimStart('/');
        if (rest.Length == 0)
        {
            return new S3ResourcePath(null, null);
        }
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            return new S3ResourcePath(Uri.UnescapeDataString(rest), null);
        }
        var bucket = Uri.UnescapeDataString(rest[..slash]);
        var key = Uri.UnescapeDataString(rest[(slash + 1)..]);
        return new S3ResourcePath(bucket, key.Length == 0 ? null : key);
    }
}
