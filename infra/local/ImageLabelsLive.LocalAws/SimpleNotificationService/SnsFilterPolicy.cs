using System.Globalization;
using System.Text.Json;

namespace ImageLabelsLive.LocalAws.SimpleNotificationService;

/// <summary>
/// An SNS subscription filter policy on message attributes, matched as SNS documents it: every key of the policy must
/// match (AND); a key's list matches when any of its conditions does (OR); a String.Array attribute matches when any
/// of its elements does; an attribute the message lacks matches nothing except {"exists": false}.
/// Conditions: exact strings, exact numbers, {"exists": true|false}, {"prefix": "…"}, {"anything-but": value or list}
/// and {"numeric": [op, n, …]}. Other operators are refused at Subscribe rather than silently ignored.
/// </summary>
internal sealed class SnsFilterPolicy
{
    /// <summary>SNS's limits: at most 5 keys, and at most 150 combinations of values across keys.</summary>
    public const int MaxKeys = 5;
    public const int MaxCombinations = 150;

    private readonly IReadOnlyList<(string Key, IReadOnlyList<JsonElement> Conditions)> keys;

    private SnsFilterPolicy(IReadOnlyList<(string, IReadOnlyList<JsonElement>)> keys) => this.keys = keys;

    /// <exception cref="SnsErrorException">InvalidParameter, worded as SNS words it, when the policy is not valid.</exception>
    public static SnsFilterPolicy Parse(string json)
    {
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(json);
            root = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            throw Invalid("failed to parse JSON.");
        }
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw Invalid("the policy must be a JSON object.");
        }
        var keys = new List<(string, IReadOnlyList<JsonElement>)>();
        var combinations = 1;
        foreach (var property in root.EnumerateObject())
        {
            if (property.Value.ValueKind != JsonValueKind.Array)
            {
                throw Invalid($"\"{property.Name}\" must be an object or an array");
            }
            var conditions = property.Value.EnumerateArray().ToArray();
            if (conditions.Length == 0)
            {
                throw Invalid($"Empty arrays are not allowed");
            }
            foreach (var condition in conditions)
            {
                ValidateCondition(condition);
            }
            combinations *= conditions.Length;
            keys.Add((property.Name, conditions));
        }
        if (keys.Count > MaxKeys)
        {
            throw Invalid($"Filter policy can not have more than {MaxKeys} keys");
        }
        if (combinations > MaxCombinations)
        {
            throw Invalid($"Filter policy is too complex");
        }
        return new SnsFilterPolicy(keys);
    }

    public bool Matches(IReadOnlyList<SnsMessageAttribute> attributes)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        foreach (var (key, conditions) in keys)
        {
            var attribute = attributes.FirstOrDefault(a => a.Name == key);
            if (!conditions.Any(condition => Matches(condition, attribute)))
            {
                return false;
            }
        }
        return true;
    }

    private static bool Matches(JsonElement condition, SnsMessageAttribute? attribute)
    {
        if (condition.ValueKind == JsonValueKind.Object && condition.TryGetProperty("exists", out var exists))
        {
            return exists.GetBoolean() == (attribute is not null);
        }
        if (attribute is null || attribute.DataType.StartsWith("Binary", StringComparison.Ordinal))
        {
            return false;
        }
        return Values(attribute).Any(value => MatchesValue(condition, value));
    }

    /// <summary>A String or Number attribute is one value; a String.Array is its elements (strings, numbers, …).</summary>
    private static JsonElement[] Values(SnsMessageAttribute attribute)
    {
        if (attribute.DataType == "String.Array")
        {
            using var document = JsonDocument.Parse(attribute.Value);
            return document.RootElement.EnumerateArray().Select(element => element.Clone()).ToArray();
        }
        using var single = attribute.DataType.StartsWith("Number", StringComparison.Ordinal)
            ? JsonDocument.Parse(decimal.Parse(attribute.Value, NumberStyles.Float, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture))
            : JsonDocument.Parse(JsonSerializer.Serialize(attribute.Value, SnsJson.Default.String));
        return [single.RootElement.Clone()];
    }

    private static bool MatchesValue(JsonElement condition, JsonElement value)
    {
        switch (condition.ValueKind)
        {
            case JsonValueKind.String:
                return value.ValueKind == JsonValueKind.String && value.GetString() == condition.GetString();
            case JsonValueKind.Number:
                return value.ValueKind == JsonValueKind.Number && value.GetDecimal() == condition.GetDecimal();
            case JsonValueKind.Null:
                return value.ValueKind == JsonValueKind.Null;
        }
        var (name, operand) = condition.EnumerateObject().Select(p => (p.Name, p.Value)).Single();
        switch (name)
        {
            case "prefix":
                return value.ValueKind == JsonValueKind.String && value.GetString()!.StartsWith(operand.GetString()!, StringComparison.Ordinal);
            case "anything-but":
                var excluded = operand.ValueKind == JsonValueKind.Array ? operand.EnumerateArray().ToArray() : [operand];
                return !excluded.Any(item => MatchesValue(item, value));
            default: // numeric, validated at Parse
                if (value.ValueKind != JsonValueKind.Number)
                {
                    return false;
                }
                var number = value.GetDecimal();
                var terms = operand.EnumerateArray().ToArray();
                for (var i = 0; i + 1 < terms.Length; i += 2)
                {
                    var bound = terms[i + 1].GetDecimal();
                    var holds = terms[i].GetString() switch
                    {
                        "=" => number == bound,
                        "<" => number < bound,
                        "<=" => number <= bound,
                        ">" => number > bound,
                        _ => number >= bound,
                    };
                    if (!holds)
                    {
                        return false;
                    }
                }
                return true;
        }
    }

    private static void ValidateCondition(JsonElement condition)
    {
        switch (condition.ValueKind)
        {
            case JsonValueKind.String or JsonValueKind.Number or JsonValueKind.Null:
                return;
            case JsonValueKind.Object:
                var properties = condition.EnumerateObject().ToArray();
                if (properties.Length != 1)
                {
                    throw Invalid("Only one key allowed in match expression");
                }
                var (name, operand) = (properties[0].Name, properties[0].Value);
                var valid = name switch
                {
                    "exists" => operand.ValueKind is JsonValueKind.True or JsonValueKind.False,
                    "prefix" => operand.ValueKind == JsonValueKind.String,
                    "anything-but" => operand.ValueKind is JsonValueKind.String or JsonValueKind.Number
                        || (operand.ValueKind == JsonValueKind.Array && operand.EnumerateArray().All(item => item.ValueKind is JsonValueKind.String or JsonValueKind.Number)),
                    "numeric" => IsNumericRange(operand),
                    _ => throw Invalid($"Unrecognized match type {name} (this local SNS matches exact values, exists, prefix, anything-but and numeric)"),
                };
                if (!valid)
                {
                    throw Invalid($"Value of {name} must be valid");
                }
                return;
            default:
                throw Invalid("Match value must be String, number, true, false, or null");
        }
    }

    private static bool IsNumericRange(JsonElement operand)
    {
        if (operand.ValueKind != JsonValueKind.Array)
        {
            return false;
        }
        var terms = operand.EnumerateArray().ToArray();
        return terms.Length is 2 or 4
            && terms.Select((term, i) => i % 2 == 0
                ? term.ValueKind == JsonValueKind.String && term.GetString() is "=" or "<" or "<=" or ">" or ">="
                : term.ValueKind == JsonValueKind.Number).All(ok => ok);
    }

    private static SnsErrorException Invalid(string reason) =>
        new(SnsError.InvalidParameter("Invalid parameter: FilterPolicy: " + reason));
}
