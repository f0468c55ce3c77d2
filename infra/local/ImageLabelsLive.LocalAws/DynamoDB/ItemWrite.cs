using System.Globalization;
using System.Text;
using System.Text.Json;

namespace ImageLabelsLive.LocalAws.DynamoDB;

/// <summary>One item a write touches: its table, key (DynamoDB JSON) and the name of its lock.</summary>
internal sealed record ItemWrite(string TableName, TableShape Shape, IReadOnlyDictionary<string, JsonElement> Key, string LockKey)
{
    /// <summary>Picks the key attributes out of an item or key; null when one is missing or malformed.</summary>
    public static ItemWrite? Create(string tableName, TableShape shape, JsonElement source)
    {
        if (source.ValueKind != JsonValueKind.Object)
        {
            return null;
        }
        var key = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        var lockKey = new StringBuilder(tableName);
        foreach (var name in shape.KeyNames)
        {
            if (!source.TryGetProperty(name, out var value) || Canonical(value) is not { } canonical)
            {
                return null;
            }
            key[name] = value;
            lockKey.Append('\u001f').Append(name).Append('\u001e').Append(canonical);
        }
        return new ItemWrite(tableName, shape, key, lockKey.ToString());
    }

    /// <summary>One text per key value however the client spelled it, so equal keys share one lock.</summary>
    private static string? Canonical(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            return null;
        }
        using var members = value.EnumerateObject();
        if (!members.MoveNext() || members.Current.Value.ValueKind != JsonValueKind.String)
        {
            return null;
        }
        var (type, text) = (members.Current.Name, members.Current.Value.GetString()!);
        if (type == "N" && decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            // 1, 1.0 and 1e0 name the same item.
            text = (number / 1.0000000000000000000000000000m).ToString(CultureInfo.InvariantCulture);
        }
        return type + ":" + text;
    }
}
