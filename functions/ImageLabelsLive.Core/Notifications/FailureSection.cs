using System.Text;
using ImageLabelsLive.Core.Images;

namespace ImageLabelsLive.Core.Notifications;

/// <summary>For a failed image: that it could not be labeled, and the reason a person can act on.</summary>
public sealed class FailureSection : IResultEmailSection
{
    public void Write(ImageRecord image, StringBuilder body)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(body);
        if (image.Status != ImageStatus.Failed)
        {
            return;
        }
        body.AppendLine("It could not be labeled:");
        body.AppendLine(image.Error?.Message ?? "The image could not be read.");
    }
}
