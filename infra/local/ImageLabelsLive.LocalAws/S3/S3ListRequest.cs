namespace ImageLabelsLive.LocalAws.S3;

/// <summary>What a listing asks for: the keys under <see cref="Prefix"/>, rolled up at <see cref="Delimiter"/>.</summary>
internal sealed record S3ListRequest(string Prefix, string? Delimiter, int MaxKeys)
{
    /// <summary>The key's common prefix: up to and including the first delimiter after the prefix; null when there is none.</summary>
    public string? CommonPrefixOf(string key)
    {
        if (Delimiter is null || !key.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }
        var at = key.IndexOf(Delimiter, Prefix.Length, StringComparison.Ordinal);
        return at < 0 ? null : key[..(at + Delimiter.Length)];
    }
}
