using System.Text.Json;

namespace ImageLabelsLive.LocalAws.DynamoDB;

/// <summary>Whether a write changed an item: the test for producing a stream record, and for settling an intent on recovery.</summary>
internal static class DynamoDbItemEquality
{
    /// <summary>Attribute-by-attribute deep equality; attribute order does not matter.</summary>
    public static bool SameItem(IReadOnlyDictionary<string, JsonElement>? a, IReadOnlyDictionary<string, JsonElement>? b)
    {
        if (a is null || b is null)
        {
            return a is null && b is null;
        }
        if (a.Count != b.Count)
        {
            return false;
        }
        foreach (var (name, value) in a)
        {
            if (!b.TryGetValue(name, out var other) || !JsonElement.DeepEquals(value, other))
            {
                return false;
            }
        }
        return true;
    }
}
