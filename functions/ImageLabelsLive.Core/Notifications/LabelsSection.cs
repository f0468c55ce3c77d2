using System.Globalization;
using System.Text;
using ImageLabelsLive.Core.Images;

namespace ImageLabelsLive.Core.Notifications;

/// <summary>For a labeled image: each label with its confidence, boxes and parents, or that none were found.</summary>
public sealed class LabelsSection : IResultEmailSection
{
    public void Write(ImageRecord image, StringBuilder body)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(body);
        if (image.Status != ImageStatus.Labeled)
        {
            return;
        }
        if (image.Labels.Count == 0)
        {
            body.AppendLine("No labels were found.");
            return;
        }
        body.AppendLine(CultureInfo.InvariantCulture, $"{ResultEmail.Count(image.Labels.Count, "label")}:");
        foreach (var label in image.Labels)
        {
            var boxes = label.Instances.Count == 0 ? "" : ", " + ResultEmail.Count(label.Instances.Count, "box").Replace("boxs", "boxes", StringComparison.Ordinal);
            var parents = label.Parents.Count == 0 ? "" : $" ({string.Join(", ", label.Parents)})";
            body.AppendLine(CultureInfo.InvariantCulture, $"  {label.Name} {label.Confidence:0.0}%{boxes}{parents}");
        }
    }
}
