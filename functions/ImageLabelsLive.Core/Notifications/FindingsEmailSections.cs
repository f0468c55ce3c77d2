using System.Globalization;
using System.Text;
using ImageLabelsLive.Core.Images;

namespace ImageLabelsLive.Core.Notifications;

/// <summary>
/// The parts of a result email about what else was found besides labels: a warning first when the image is flagged as
/// unsafe, then faces, text lines and moderation flags. Analyses that were off add nothing; one that failed says so.
/// </summary>
public static class FindingsEmailSections
{
    /// <summary>Before everything else: a flagged image's email says so first.</summary>
    public static void AppendWarning(StringBuilder body, ImageRecord image)
    {
        ArgumentNullException.ThrowIfNull(body);
        var flags = ModerationFlags.Flags(image);
        if (flags.Count == 0)
        {
            return;
        }
        body.AppendLine(CultureInfo.InvariantCulture, $"Flagged as possibly unsafe: {string.Join(", ", flags.Select(flag => $"{flag.Name} {flag.Confidence:0.0}%"))}.");
        body.AppendLine("The page shows it blurred until someone chooses to see it.");
        body.AppendLine();
    }

    public static void AppendFindings(StringBuilder body, ImageRecord image)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(image);
        if (image.Analyses is not { } analyses)
        {
            return;
        }
        AppendSection(body, image, AnalysisNames.Faces, analyses.Faces, image.Faces.Count == 0 ? "No faces." : $"Faces ({image.Faces.Count}):", image.Faces.Select(Describe));
        AppendSection(body, image, AnalysisNames.Text, analyses.Text, image.Text.Count == 0 ? "No text." : "Text:", image.Text.Select(line => $"  \"{line.DetectedText}\" {line.Confidence:0.0}%"));
        AppendSection(
            body,
            image,
            AnalysisNames.Moderation,
            analyses.Moderation,
            image.Moderation.Count == 0 ? "No unsafe content found." : "Moderation flags:",
            image.Moderation.Select(label => label.ParentName.Length == 0
                ? $"  {label.Name} {label.Confidence:0.0}%"
                : $"  {label.Name} ({label.ParentName}) {label.Confidence:0.0}%"));
    }

    private static void AppendSection(StringBuilder body, ImageRecord image, string name, AnalysisState state, string heading, IEnumerable<string> lines)
    {
        if (state == AnalysisState.Off)
        {
            return;
        }
        body.AppendLine();
        if (state == AnalysisState.Failed)
        {
            var reason = image.AnalysisErrors is { } errors && errors.TryGetValue(name, out var error) ? error.Message : "it did not run.";
            body.AppendLine(CultureInfo.InvariantCulture, $"Looking for {name} failed: {reason}");
            return;
        }
        body.AppendLine(heading);
        foreach (var line in lines)
        {
            body.AppendLine(line);
        }
    }

    private static string Describe(Face face)
    {
        var parts = new List<string> { $"  Face {face.Confidence:0.0}%" };
        if (face.AgeRange is { } age)
        {
            parts.Add($"age {age.Low}–{age.High}");
        }
        if (face.TopEmotion is { } emotion)
        {
            parts.Add($"looks {emotion.Type.ToLowerInvariant()} ({emotion.Confidence:0.0}%)");
        }
        return string.Join(", ", parts);
    }
}
