using System.Text;
using System.Text.Json;

namespace ImageLabelsLive.LocalAws.DynamoDBStreams;

/// <summary>
/// DynamoDB's documented item-size arithmetic (attribute names and values in UTF-8, numbers by significant digits,
/// 3 bytes per list or map plus 1 per element), used for a stream record's SizeBytes.
/// </summary>
internal static class DynamoDbItemSize
{
    public static long Of(IReadOnlyDictionary<string, JsonElement>? item)
    {
        if (item is null)
        {
            return 0;
        }
        long size = 0;
        foreach (var (name, value) in item)
        {
            size += Encoding.UTF8.GetByteCount(name) + OfValue(value);
        }
        return size;
    }

    private static long OfValue(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            return 0;
        }
        long size = 0;
        foreach (var typed in value.EnumerateObject())
        {
            size += typed.Name switch
            {
                "S" => Encoding.UTF8.GetByteCount(typed.Value.GetString() ?? ""),
                "N" => OfNumber(typed.Value.GetString() ?? ""),
                "B" => OfBinary(typed.Value),
                "BOOL" or "NULL" => 1,
                "SS" => typed.Value.EnumerateArray().Sum(s => (long)Encoding.UTF8.GetByteCount(s.GetString() ?? "")),
                "NS" => typed.Value.EnumerateArray().Sum(n => OfNumber(n.GetString() ?? "")),
                "BS" => typed.Value.EnumerateArray().Sum(OfBinary),
                "L" => 3 + typed.Value.EnumerateArray().Sum(e => 1 + OfValue(e)),
                "M" => 3 + typed.Value.EnumerateObject().Sum(p => 1 + Encoding.UTF8.GetByteCount(p.Name) + OfValue(p.Value)),
                _ => 0,
            };
        }
        return size;
    }

    private static long OfBinary(JsonElement base64) =>
        base64.ValueKind == JsonValueKind.String && base64.TryGetBytesFromBase64(out var bytes) ? bytes.Length : 0;

    /// <summary>About one byte per two significant digits, plus one.</summary>
    private static long OfNumber(string number)
    {
        var digits = number.TrimStart('-', '+');
        var exponent = digits.IndexOfAny(['e', 'E']);
        if (exponent >= 0)
        {
            digits = digits[..exponent];
        }
        digits = digits.Replace(".", "", StringComparison.Ordinal).Trim('0');
        return (Math.Max(digits.Length, 1) + 1) / 2 + 1;
    }
}
