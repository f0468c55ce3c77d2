using System.Globalization;

namespace ImageLabelsLive.LocalAws.S3;

/// <summary>A Range header's single byte range, resolved against an object's size as S3 resolves it.</summary>
internal readonly record struct S3ByteRange(long Start, long Length)
{
    public long End => Start + Length - 1;

    /// <summary>
    /// None: no range, or one S3 ignores (malformed, several ranges), so the whole object is sent. Satisfiable: the
    /// clipped range. Unsatisfiable: a range that starts past the end, or a zero-length suffix.
    /// </summary>
    public static S3RangeOutcome Resolve(string? header, long size, out S3ByteRange range)
    {
        range = default;
        if (string.IsNullOrWhiteSpace(header))
        {
            return S3RangeOutcome.None;
        }
        var text = header.Trim();
        if (!text.StartsWith("bytes=", StringComparison.OrdinalIgnoreCase) || text.Contains(',', StringComparison.Ordinal))
        {
            return S3RangeOutcome.None;
        }
        var spec = text["bytes=".Length..].Trim();
        var dash = spec.IndexOf('-', StringComparison.Ordinal);
        if (dash < 0)
        {
            return S3RangeOutcome.None;
        }
        var first = spec[..dash].Trim();
        var last = spec[(dash + 1)..].Trim();
        if (first.Length == 0)
        {
            // bytes=-N: the last N bytes.
            if (!TryParse(last, out var suffix))
            {
                return S3RangeOutcome.None;
            }
            if (suffix == 0 || size == 0)
            {
                return S3RangeOutcome.Unsatisfiable;
            }
            var length = Math.Min(suffix, size);
            range = new S3ByteRange(size - length, length);
            return S3RangeOutcome.Satisfiable;
        }
        if (!TryParse(first, out var start))
        {
            return S3RangeOutcome.None;
        }
        long end;
        if (last.Length == 0)
        {
            end = size - 1;
        }
        else if (!TryParse(last, out end) || end < start)
        {
            return S3RangeOutcome.None;
        }
        if (start >= size)
        {
            return S3RangeOutcome.Unsatisfiable;
        }
        end = Math.Min(end, size - 1);
        range = new S3ByteRange(start, end - start + 1);
        return S3RangeOutcome.Satisfiable;
    }

    private static bool TryParse(string text, out long value) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
}

internal enum S3RangeOutcome
{
    None,
    Satisfiable,
    Unsatisfiable,
}
