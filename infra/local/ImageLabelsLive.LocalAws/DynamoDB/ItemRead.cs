using System.Text.Json;

namespace ImageLabelsLive.LocalAws.DynamoDB;

/// <summary>A consistent read of one item around a write: whether it answered, and the item (null when absent).</summary>
internal readonly record struct ItemRead(bool Succeeded, IReadOnlyDictionary<string, JsonElement>? Item)
{
    public static readonly ItemRead Failed = new(false, null);
}
