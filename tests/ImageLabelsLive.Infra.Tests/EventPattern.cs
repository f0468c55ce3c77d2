using System.Text.Json.Nodes;

namespace ImageLabelsLive.Infra.Tests;

/// <summary>
/// The subset of Lambda's event filtering that the stack's patterns use: nested objects, and arrays of allowed
/// string values (an array matches when the event's value equals one of them; a missing field never matches).
/// </summary>
public static class EventPattern
{
    public static bool Matches(JsonNode pattern, JsonNode? value) => pattern switch
    {
        JsonObject fields => value is JsonObject o && fields.All(f => Matches(f.Value!, o[f.Key])),
        JsonArray allowed => value is JsonValue v && v.TryGetValue<string>(out var text)
            && allowed.Any(a => a is JsonValue av && av.TryGetValue<string>(out var option) && option == text),
        _ => throw new NotSupportedException("Pattern element not used by the stack: " + pattern.ToJsonString()),
    };
}
