using System.Text;
using ImageLabelsLive.Core.Images;

namespace ImageLabelsLive.Core.Notifications;

/// <summary>One block of a result email's body (labels, faces, text…); writes nothing when it has nothing to say.</summary>
public interface IResultEmailSection
{
    void Write(ImageRecord image, StringBuilder body);
}
