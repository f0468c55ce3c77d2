using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;

namespace ImageLabelsLive.Reliability.Tests.Fuzzing;

/// <summary>
/// Makes hostile variants of valid JSON documents: values replaced by values of other types and extreme sizes,
/// properties removed or renamed, documents truncated or with bytes flipped. Driven by a seed drawn by FsCheck, so a
/// failing input can be replayed.
/// </summary>
public static class JsonMutator
{
    private static readonly JsonNode?[] Replacements =
    [
        null,
        JsonValue.Create(""),
        JsonValue.Create(true),
        JsonValue.Create(0),
        JsonValue.Create(-1),
        JsonValue.Create(1.5),
        JsonValue.Create(1e308),
        JsonValue.Create(-1e308),
        JsonValue.Create(long.MaxValue),
        JsonValue.Create(ulong.MaxValue),
        JsonValue.Create(decimal.MaxValue),
        JsonValue.Create("99999999999999999999999999999"),
        JsonValue.Create("-1"),
        JsonValue.Create("not a number"),
        JsonValue.Create("2026-13-45T25:61:61Z"),
        JsonValue.Create("!!not base64!!"),
        JsonValue.Create("../../../etc/passwd"),
        JsonValue.Create("<script>alert(1)</script>"),
        JsonValue.Create("\u202E\u0000\r\n\t"),
        JsonValue.Create("😀🚀 naïve café"),
        JsonValue.Create("lone \ud800 surrogate"),
        JsonValue.Create("%ZZ%00%2F"),
        JsonValue.Create(new string('A', 10_000)),
        JsonValue.Create("uploads/AAAAAAAAAAAAAAAAAAAAAA/0123456789abcdef0123456789abcdef"),
        JsonValue.Create("uploads/AAAAAAAAAAAAAAAAAAAAAA/../../x"),
        JsonValue.Create("{\"action\":\"ping\"}"),
    ];

    /// <summary>Variants of the <paramref name="seeds"/>: one to four mutations each.</summary>
    public static Arbitrary<string> Of(IReadOnlyList<string> seeds) =>
        (from seed in Gen.Elements(seeds.ToArray())
         from salt in Gen.Choose(0, int.MaxValue)
         select Mutate(seed, new Random(salt))).ToArbitrary();

    public static string Mutate(string json, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var root = JsonNode.Parse(json);
        var steps = random.Next(1, 5);
        for (var step = 0; step < steps && root is not null; step++)
        {
            root = MutateTree(root, random);
        }
        var text = root?.ToJsonString() ?? "null";
        return random.Next(10) == 0 ? CorruptText(text, random) : text;
    }

    private static JsonNode? MutateTree(JsonNode root, Random random)
    {
        var slots = new List<(JsonNode Parent, object Key)>();
        Collect(root, slots);
        if (slots.Count == 0 || random.Next(20) == 0)
        {
            return Replacement(random);
        }
        var (parent, key) = slots[random.Next(slots.Count)];
        switch (random.Next(6))
        {
            case 0 when parent is JsonObject map:
                map.Remove((string)key);
                break;
            case 1 when parent is JsonObject map:
                // Property names are read case-insensitively; an odd casing must land on the same property or none.
                var value = map[(string)key];
                map.Remove((string)key);
                map[Flip((string)key, random)] = value;
                break;
            case 2:
                Set(parent, key, new JsonArray(Get(parent, key)?.DeepClone()));
                break;
            case 3:
                Set(parent, key, new JsonObject { ["nested"] = Get(parent, key)?.DeepClone() });
                break;
            default:
                Set(parent, key, Replacement(random));
                break;
        }
        return root;
    }

    private static void Collect(JsonNode node, List<(JsonNode Parent, object Key)> slots)
    {
        switch (node)
        {
            case JsonObject map:
                foreach (var (name, child) in map.ToArray())
                {
                    slots.Add((map, name));
                    if (child is not null)
                    {
                        Collect(child, slots);
                    }
                }
                break;
            case JsonArray list:
                for (var i = 0; i < list.Count; i++)
                {
                    slots.Add((list, i));
                    if (list[i] is { } child)
                    {
                        Collect(child, slots);
                    }
                }
                break;
        }
    }

    private static JsonNode? Get(JsonNode parent, object key) => parent is JsonObject map ? map[(string)key] : parent.AsArray()[(int)key];

    private static void Set(JsonNode parent, object key, JsonNode? value)
    {
        if (parent is JsonObject map)
        {
            map[(string)key] = value;
        }
        else
        {
            parent.AsArray()[(int)key] = value;
        }
    }

    private static JsonNode? Replacement(Random random) => Replacements[random.Next(Replacements.Length)]?.DeepClone();

    private static string Flip(string name, Random random) =>
        random.Next(2) == 0 ? name.ToUpperInvariant() : name + "_";

    /// <summary>Text-level damage: a cut, a stray character, or a flipped character.</summary>
    private static string CorruptText(string text, Random random)
    {
        if (text.Length == 0)
        {
            return "{";
        }
        var at = random.Next(text.Length);
        return random.Next(3) switch
        {
            0 => text[..at],
            1 => text.Insert(at, ((char)random.Next(0, 0x3000)).ToString()),
            _ => new StringBuilder(text) { [at] = (char)(text[at] ^ (1 << random.Next(7))) }.ToString(),
        };
    }

    /// <summary>Any text at all, as a client might send: FsCheck's strings, JSON-ish token soup, and lone surrogates.</summary>
    public static Arbitrary<string> AnyText() =>
        Gen.OneOf(
            ArbMap.Default.ArbFor<string>().Generator.Select(text => text ?? ""),
            Gen.Elements("{", "}", "[", "]", ":", ",", "\"action\"", "\"ping\"", "null", "1e999", "\"\\ud800\"", "\\u0000", " ")
                .ListOf()
                .Select(tokens => string.Concat(tokens)),
            Gen.Elements("\ud800", "a\udc00b", "{\"action\":\"\ud800\"}", "{\"action\":\"ping\"}\u0000"))
        .ToArbitrary();

    /// <summary>A JSON string literal for <paramref name="text"/>, for bodies carried inside events.</summary>
    public static string Quote(string text) => JsonSerializer.Serialize(text);
}
