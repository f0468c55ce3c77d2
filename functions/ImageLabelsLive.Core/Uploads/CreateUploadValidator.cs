using ImageLabelsLive.Core.Feeds;
using ImageLabelsLive.Core.Images;

namespace ImageLabelsLive.Core.Uploads;

/// <summary>Decides whether an upload may start. Errors carry a code for programs and a sentence for people.</summary>
public static class CreateUploadValidator
{
    /// <summary>Rekognition reads at most 15 MB from an S3 object.</summary>
    public const long MaxSize = 15 * 1024 * 1024;

    public static IReadOnlySet<string> ContentTypes { get; } = new HashSet<string>(StringComparer.Ordinal) { "image/jpeg", "image/png" };

    public static ImageError? Validate(CreateUploadCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (!FeedId.IsValid(command.FeedId))
        {
            return FeedId.InvalidError;
        }
        var contentType = NormalizeContentType(command.ContentType);
        if (contentType is null || !ContentTypes.Contains(contentType))
        {
            return new ImageError(
                "UnsupportedContentType",
                $"Only JPEG and PNG images can be labeled; this file is '{Describe(command.ContentType)}'.");
        }
        if (command.Sha256 is not null && !IsSha256(command.Sha256))
        {
            return new ImageError(
                "InvalidChecksum",
                "sha256 is the base64 of the file's 32-byte SHA-256 digest (44 characters ending in '='), as S3's x-amz-checksum-sha256; leave it out if you cannot compute it.");
        }
        return command.Size switch
        {
            null => new ImageError("InvalidSize", "The file's size in bytes is required."),
            <= 0 => new ImageError("EmptyFile", "The file is empty; choose a JPEG or PNG image."),
            > MaxSize => new ImageError("TooLarge", $"The file is {command.Size / (1024.0 * 1024.0):0.#} MB; the limit is 15 MB."),
            _ => null,
        };
    }

    /// <summary>Base64 (standard alphabet, padded) of exactly 32 bytes.</summary>
    public static bool IsSha256(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        Span<byte> digest = stackalloc byte[33];
        return text.Length == 44 && Convert.TryFromBase64String(text, digest, out var written) && written == 32;
    }

    /// <summary>Lower-cases the media type and drops parameters ("image/PNG; x=y" → "image/png").</summary>
    public static string? NormalizeContentType(string? contentType)
    {
        if (string.IsNullOrWhiteSpace(contentType))
        {
            return null;
        }
        var mediaType = contentType.Split(';', 2)[0].Trim().ToLowerInvariant();
        return mediaType == "image/jpg" ? "image/jpeg" : mediaType;
    }

    private static string Describe(string? contentType)
    {
        var shown = string.IsNullOrWhiteSpace(contentType) ? "unknown" : DisplayFileName.Clean(contentType);
        return shown.Length > 60 ? shown[..60] : shown;
    }
}
