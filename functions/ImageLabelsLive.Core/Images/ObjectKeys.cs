namespace ImageLabelsLive.Core.Images;

/// <summary>The S3 keys of uploads: built on the server from the feed and image ids, never from a file name.</summary>
public static class ObjectKeys
{
    public const string UploadPrefix = "uploads/";

    public static string For(string feedId, string imageId) => $"{UploadPrefix}{feedId}/{imageId}";

    /// <summary>Reads feed and image ids back from a key this app built; anything else is not ours.</summary>
    public static bool TryParse(string key, out string feedId, out string imageId)
    {
        feedId = imageId = "";
        if (!key.StartsWith(UploadPrefix, StringComparison.Ordinal))
        {
            return false;
        }
        var parts = key[UploadPrefix.Length..].Split('/');
        if (parts.Length != 2 || !Feeds.FeedId.IsValid(parts[0]) || !ImageIds.IsValid(parts[1]))
        {
            return false;
        }
        (feedId, imageId) = (parts[0], parts[1]);
        return true;
    }
}
