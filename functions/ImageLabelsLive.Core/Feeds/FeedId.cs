namespace ImageLabelsLive.Core.Feeds;

/// <summary>
/// A feed id is a capability: whoever knows it sees the feed. Clients make 128-bit random ids in
/// base64url (22 characters); anything from 16 to 64 base64url characters is accepted.
/// </summary>
public static class FeedId
{
    public const int MinLength = 16;
    public const int MaxLength = 64;

    public static bool IsValid(string? feedId) =>
        feedId is { Length: >= MinLength and <= MaxLength } && feedId.All(IsBase64UrlChar);

    public static ImageLabelsLive.Core.Images.ImageError InvalidError { get; } = new(
        "InvalidFeedId",
        $"A feed id is {MinLength} to {MaxLength} characters of A–Z, a–z, 0–9, '-' and '_'. Open the app to get one.");

    private static bool IsBase64UrlChar(char c) =>
        c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_';
}
