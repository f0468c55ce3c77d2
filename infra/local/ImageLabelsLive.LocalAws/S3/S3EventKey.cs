using System.Globalization;
using System.Text;

namespace ImageLabelsLive.LocalAws.S3;

/// <summary>
/// How S3 writes an object key into an event: form-style URL encoding of the UTF-8 bytes ("my photo.jpg" →
/// "my+photo.jpg", "a+b" → "a%2Bb", "é" → "%C3%A9"), leaving letters, digits, '-', '_', '.', '*' and '/' as they are.
/// A consumer gets the key back with WebUtility.UrlDecode.
/// </summary>
internal static class S3EventKey
{
    public static string Encode(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var builder = new StringBuilder(key.Length + 16);
        foreach (var b in Encoding.UTF8.GetBytes(key))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '*' or '/')
            {
                builder.Append(c);
            }
            else if (c == ' ')
            {
                builder.Append('+');
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }
        return builder.ToString();
    }
}
