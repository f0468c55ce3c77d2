using System.Text;

namespace ImageLabelsLive.LocalAws.S3;

/// <summary>
/// S3 lists keys in the order of their UTF-8 bytes. That differs from .NET's ordinal order (UTF-16 code units)
/// only for characters above U+FFFF against those from U+E000 to U+FFFF, but a continuation must agree with it.
/// </summary>
internal static class S3KeyOrder
{
    public static int Compare(string a, string b) =>
        Encoding.UTF8.GetBytes(a).AsSpan().SequenceCompareTo(Encoding.UTF8.GetBytes(b));
}
