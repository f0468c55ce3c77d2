namespace ImageLabelsLive.Core.Images;

/// <summary>When an image counts as flagged: a moderation label at or above the threshold. The page blurs such an image and its email says so first.</summary>
public static class ModerationFlags
{
    /// <summary>
    /// The moderation threshold, 0–100: a label at or above it flags the image, so the page blurs it in every tab and
    /// its email says so first. The one figure for both; the page's copy, <c>moderationThreshold</c> in
    /// frontend/src/findings.ts, is held to it by ModerationFlagsTests. Change both together.
    /// </summary>
    public const double Threshold = 60;

    public static IReadOnlyList<ModerationLabel> Flags(ImageRecord image)
    {
        ArgumentNullException.ThrowIfNull(image);
        return image.Moderation.Where(label => label.Confidence >= Threshold).ToArray();
    }

    public static bool IsFlagged(ImageRecord image) => Flags(image).Count > 0;
}
