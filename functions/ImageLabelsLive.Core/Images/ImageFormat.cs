namespace ImageLabelsLive.Core.Images;

public enum ImageFormat
{
    Unknown,
    Jpeg,
    Png,
}

/// <summary>Tells an image's real format from its first bytes, whatever its name or declared type says.</summary>
public static class ImageSniffer
{
    /// <summary>How many leading bytes <see cref="Detect"/> needs.</summary>
    public const int PrefixLength = 8;

    private static ReadOnlySpan<byte> PngSignature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    public static ImageFormat Detect(ReadOnlySpan<byte> prefix)
    {
        if (prefix.StartsWith(PngSignature))
        {
            return ImageFormat.Png;
        }
        // SOI marker followed by the start of another marker.
        if (prefix.Length >= 3 && prefix[0] == 0xFF && prefix[1] == 0xD8 && prefix[2] == 0xFF)
        {
            return ImageFormat.Jpeg;
        }
        return ImageFormat.Unknown;
    }
}
