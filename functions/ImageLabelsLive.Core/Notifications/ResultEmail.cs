using System.Globalization;
using System.Text;
using ImageLabelsLive.Core.Images;

namespace ImageLabelsLive.Core.Notifications;

/// <summary>The email for a finished image: it names the file, lists the labels (or why it failed) and links to the feed.</summary>
public static class ResultEmail
{
    /// <summary>SNS subjects are at most 100 printable ASCII characters on one line.</summary>
    public const int MaxSubjectLength = 100;

    public static Ports.Notification Compose(ImageRecord image, Uri siteUrl)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(siteUrl);
        return new Ports.Notification(Subject(image), Body(image, siteUrl), image.FeedId);
    }

    public static string Subject(ImageRecord image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var name = ToAscii(image.FileName);
        var subject = image.Status switch
        {
            ImageStatus.Labeled when image.Labels.Count > 0 =>
                $"{name}: {string.Join(", ", image.Labels.Take(3).Select(label => label.Name))}",
            ImageStatus.Labeled => $"{name}: no labels found",
            _ => $"{name} could not be labeled",
        };
        return subject.Length <= MaxSubjectLength ? subject : string.Concat(subject.AsSpan(0, MaxSubjectLength - 3), "...");
    }

    public static string Body(ImageRecord image, Uri siteUrl)
    {
        ArgumentNullException.ThrowIfNull(image);
        var body = new StringBuilder();
        FindingsEmailSections.AppendWarning(body, image);
        if (image.Status == ImageStatus.Failed)
        {
            body.AppendLine(CultureInfo.InvariantCulture, $"\"{image.FileName}\" could not be labeled.");
            body.AppendLine();
            body.AppendLine(image.Error?.Message ?? "The image could not be read.");
        }
        else if (image.Labels.Count == 0)
        {
            body.AppendLine(CultureInfo.InvariantCulture, $"No labels were found in \"{image.FileName}\".");
        }
        else
        {
            body.AppendLine(CultureInfo.InvariantCulture, $"Labels found in \"{image.FileName}\":");
            body.AppendLine();
            foreach (var label in image.Labels)
            {
                var instances = label.Instances.Count switch
                {
                    0 => "",
                    1 => ", 1 box",
                    var n => $", {n} boxes",
                };
                body.AppendLine(CultureInfo.InvariantCulture, $"  {label.Name} {label.Confidence:0.0}%{instances}");
                if (label.Parents.Count > 0)
                {
                    body.AppendLine(CultureInfo.InvariantCulture, $"      ({string.Join(", ", label.Parents)})");
                }
            }
        }
        FindingsEmailSections.AppendFindings(body, image);
        body.AppendLine();
        body.AppendLine(CultureInfo.InvariantCulture, $"See the feed: {FeedLink(siteUrl, image.FeedId)}");
        return body.ToString();
    }

    public static Uri FeedLink(Uri siteUrl, string feedId)
    {
        ArgumentNullException.ThrowIfNull(siteUrl);
        return new UriBuilder(siteUrl) { Query = "feed=" + Uri.EscapeDataString(feedId) }.Uri;
    }

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
