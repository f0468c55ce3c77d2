using System.Globalization;
using System.Text;
using ImageLabelsLive.Core.Images;

namespace ImageLabelsLive.Core.Notifications;

/// <summary>
/// The email for a finished image: a subject that can be scanned in an inbox ("3 labels in dog.jpg: Dog, Person, Bicycle"),
/// a body that names the file, then one block per <see cref="IResultEmailSection"/> (labels, or why it failed; further
/// analyses add their own section), then a link that opens the image's card in its feed. SNS adds its unsubscribe link
/// below the body.
/// </summary>
public static class ResultEmail
{
    /// <summary>SNS subjects are at most 100 printable ASCII characters on one line.</summary>
    public const int MaxSubjectLength = 100;

    /// <summary>The body's blocks, in order. A new analysis adds its section here.</summary>
    public static IReadOnlyList<IResultEmailSection> Sections { get; } = [new FailureSection(), new LabelsSection()];

    public static Ports.Notification Compose(ImageRecord image, Uri siteUrl)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(siteUrl);
        return new Ports.Notification(Subject(image), Body(image, siteUrl), image.FeedId)
        {
            Status = image.Status.ToWire(),
            Labels = ResultAttributes.LabelNames(image),
        };
    }

    public static string Subject(ImageRecord image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var name = ToAscii(image.FileName);
        var subject = image.Status switch
        {
            ImageStatus.Labeled when image.Labels.Count > 0 =>
                $"{Count(image.Labels.Count, "label")} in {name}: {string.Join(", ", image.Labels.Select(label => ToAscii(label.Name)))}",
            ImageStatus.Labeled => $"No labels in {name}",
            _ => $"Could not label {name}",
        };
        return subject.Length <= MaxSubjectLength ? subject : string.Concat(subject.AsSpan(0, MaxSubjectLength - 3), "...");
    }

    public static string Body(ImageRecord image, Uri siteUrl)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(siteUrl);
        var body = new StringBuilder();
        FindingsEmailSections.AppendWarning(body, image);
        body.AppendLine(CultureInfo.InvariantCulture, $"File: {image.FileName}");
        foreach (var section in Sections)
        {
            var block = new StringBuilder();
            section.Write(image, block);
            if (block.Length > 0)
            {
                body.AppendLine();
                body.Append(block);
            }
        }
        FindingsEmailSections.AppendFindings(body, image);
        body.AppendLine();
        body.AppendLine("Open it in its feed:");
        body.AppendLine(ImageLink(siteUrl, image.FeedId, image.ImageId).ToString());
        return body.ToString();
    }

    /// <summary>The page opened on the feed.</summary>
    public static Uri FeedLink(Uri siteUrl, string feedId)
    {
        ArgumentNullException.ThrowIfNull(siteUrl);
        return new UriBuilder(siteUrl) { Query = "feed=" + Uri.EscapeDataString(feedId) }.Uri;
    }

    /// <summary>The page opened on the feed with the image's card in view: ?feed=…&amp;image=….</summary>
    public static Uri ImageLink(Uri siteUrl, string feedId, string imageId)
    {
        ArgumentNullException.ThrowIfNull(siteUrl);
        return new UriBuilder(siteUrl) { Query = "feed=" + Uri.EscapeDataString(feedId) + "&image=" + Uri.EscapeDataString(imageId) }.Uri;
    }

    public static string Count(int count, string noun) =>
        count == 1 ? $"1 {noun}" : string.Create(CultureInfo.InvariantCulture, $"{count} {noun}s");

    // Subjects must be ASCII; other characters become '?' rather than disappear, so the name stays recognisable.
    private static string ToAscii(string text)
    {
        var ascii = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            ascii.Append(c is >= ' ' and <= '~' ? c : '?');
        }
        return ascii.ToString();
    }
}
