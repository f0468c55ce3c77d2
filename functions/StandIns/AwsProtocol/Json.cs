using System.Text.Json;

namespace ImageLabelsLive.Aws.AwsProtocol;

/// <summary>Tolerant reads of optional members from a JSON protocol answer: absent or null members read as null.</summary>
internal static class Json
{
    public static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public static float? Float(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetSingle() : null;

    /// <summary>An ISO 8601 string or epoch seconds, as AWSSDK.Core's DateTimeUnmarshaller reads either.</summary>
    public static DateTime? Timestamp(JsonElement element, string name)
    {
        if (!element.TryGetProperty(name, out var value))
        {
            return null;
        }
        return value.ValueKind switch
        {
            JsonValueKind.String when value.TryGetDateTimeOffset(out var time) => time.UtcDateTime,
            JsonValueKind.Number => DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(value.GetDouble() * 1000)).UtcDateTime,
            _ => null,
        };
    }

    public static List<T>? List<T>(JsonElement element, string name, Func<JsonElement, T> read)
    {
        if (!element.TryGetProperty(name, out var array) || array.ValueKind != JsonValueKind.Array)
        {
            return null;
        }
        var items = new List<T>(array.GetArrayLength());
        foreach (var item in array.EnumerateArray())
        {
            items.Add(read(item));
        }
        return items;
    }
}
