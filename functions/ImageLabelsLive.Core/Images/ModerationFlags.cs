namespace ImageLabelsLive.Core.Images;

/// <summary>When an image counts as flagged: a moderation label at or above the threshold. The page blurs such an image and its email says so first.</summary>
public static class ModerationFlags
{
    /// <summary>0–100; the page uses the same figure.</summary>
    public const double Threshold = 60;

    public static IReadOnlyList<ModerationLabel> Flags(ImageRecord image)
    {
        ArgumentNullException.ThrowIfNull(image);
        return image.Moderation.Where(label => label.Confidence >= Threshold).ToArray();
    }

    public static bool IsFlagged(ImageRecord image) => Flags(image).Count > 0;
}
