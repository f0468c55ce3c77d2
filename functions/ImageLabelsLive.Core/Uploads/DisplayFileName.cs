using System.Globalization;
using System.Text;

namespace ImageLabelsLive.Core.Uploads;

/// <summary>
/// A client's file name is display text only. It is cleaned so that it cannot spoof what it shows
/// (control and bidirectional-override characters go) and kept to a length a card can show.
/// </summary>
public static class DisplayFileName
{
    public const int MaxLength = 255;
    public const string Fallback = "image";

    public static string Clean(string? fileName)
    {
        if (string.IsNullOrWhiteSpace(fileName))
        {
            return Fallback;
        }
        var builder = new StringBuilder(Math.Min(fileName.Length, MaxLength));
        foreach (var rune in fileName.EnumerateRunes())
        {
            if (builder.Length + rune.Utf16SequenceLength > MaxLength)
            {
                break;
            }
            if (IsShown(rune))
            {
                builder.Append(rune.ToString());
            }
        }
        var cleaned = builder.ToString().Trim();
        return cleaned.Length == 0 ? Fallback : cleaned;
    }

    // Control characters break lines and logs; format characters (U+202E and friends) reorder what is shown.
    private static bool IsShown(Rune rune) =>
        Rune.GetUnicodeCategory(rune) is not (UnicodeCategory.Control or UnicodeCategory.Format
            or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned
            or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator);
}
