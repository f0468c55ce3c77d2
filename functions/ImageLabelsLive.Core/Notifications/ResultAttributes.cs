using ImageLabelsLive.Core.Images;

namespace ImageLabelsLive.Core.Notifications;

/// <summary>
/// The SNS message attributes every result carries, which subscriptions' filter policies match:
/// feedId (String), status (String: labeled or failed) and labels (String.Array of label names).
/// A failed image has no labels, so its labels attribute is the empty array and a subscription that filters by label
/// does not get it: a label filter asks for images that carry those labels, and a failed image is not known to carry
/// any. Subscribers without a label filter (the whole feed, and the operators' deploy-time subscriptions) do get failures.
/// </summary>
public static class ResultAttributes
{
    public const string FeedId = "feedId";
    public const string Status = "status";
    public const string Labels = "labels";

    /// <summary>Label names (not parents), as Rekognition names them: SNS matches them case-sensitively.</summary>
    public static IReadOnlyList<string> LabelNames(ImageRecord image)
    {
        ArgumentNullException.ThrowIfNull(image);
        return image.Status == ImageStatus.Labeled ? image.Labels.Select(label => label.Name).Distinct(StringComparer.Ordinal).ToArray() : [];
    }
}
