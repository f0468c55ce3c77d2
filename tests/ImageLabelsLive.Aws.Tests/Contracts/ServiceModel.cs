using System.Text.Json;
using System.Text.Json.Nodes;
using ImageLabelsLive.Testing;

namespace ImageLabelsLive.Aws.Tests.Contracts;

/// <summary>A botocore service model (contracts/models/botocore/data/&lt;service&gt;/&lt;version&gt;/service-2.json).</summary>
internal sealed class ServiceModel
{
    private readonly JsonObject root;

    private ServiceModel(JsonObject root) => this.root = root;

    public static ServiceModel Load(string service, string version) =>
        new(JsonNode.Parse(File.ReadAllBytes(SharedData.PathOf("contracts", "models", "botocore", "data", service, version, "service-2.json")))!.AsObject());

    public JsonObject Metadata => root["metadata"]!.AsObject();

    public string SigningName => (string?)Metadata["signingName"] ?? (string)Metadata["endpointPrefix"]!;

    public JsonObject Operation(string name) => root["operations"]![name]!.AsObject();

    public JsonObject Shape(string name) => root["shapes"]![name]!.AsObject();

    public string InputShape(string operation) => (string)Operation(operation)["input"]!["shape"]!;

    public string OutputShape(string operation) => (string)Operation(operation)["output"]!["shape"]!;

    public IEnumerable<string> ErrorShapes(string operation) => Operation(operation)["errors"]!.AsArray().Select(error => (string)error!["shape"]!);

    public IEnumerable<(string Name, JsonObject Member)> Members(string shape) =>
        Shape(shape)["members"]!.AsObject().Select(member => (member.Key, member.Value!.AsObject()));

    /// <summary>A member's name on the wire: its locationName where the model gives one.</summary>
    public static string WireName(string name, JsonObject member) => (string?)member["locationName"] ?? name;

    /// <summary>
    /// Every path in <paramref name="json"/> that the shape does not define, e.g. "Image.S3Object.Bucket" when
    /// S3Object had no Bucket member. Empty means every member sent exists in the model.
    /// </summary>
    public IReadOnlyList<string> UnknownMembers(string shape, JsonNode json, string path = "")
    {
        var unknown = new List<string>();
        var definition = Shape(shape);
        switch ((string)definition["type"]!)
        {
            case "structure":
                var members = Members(shape).ToDictionary(member => WireName(member.Name, member.Member), member => member.Member, StringComparer.Ordinal);
                foreach (var (name, value) in json.AsObject())
                {
                    var memberPath = path.Length == 0 ? name : path + "." + name;
                    if (!members.TryGetValue(name, out var member))
                    {
                        unknown.Add(memberPath);
                    }
                    else if (value is not null)
                    {
                        unknown.AddRange(UnknownMembers((string)member["shape"]!, value, memberPath));
                    }
                }
                break;
            case "list":
                foreach (var item in json.AsArray())
                {
                    unknown.AddRange(UnknownMembers((string)definition["member"]!["shape"]!, item!, path + "[]"));
                }
                break;
            default:
                break;
        }
        return unknown;
    }

    /// <summary>
    /// A JSON document for the shape with every member filled in: strings as "&lt;Member&gt;-value", numbers by
    /// position, lists of one element, timestamps as ISO 8601. Lets a test read an answer built from the model's names.
    /// </summary>
    public JsonNode Example(string shape, int depth = 0)
    {
        var definition = Shape(shape);
        switch ((string)definition["type"]!)
        {
            case "structure":
                var result = new JsonObject();
                var index = 0;
                foreach (var (name, member) in Members(shape))
                {
                    index++;
                    var memberShape = (string)member["shape"]!;
                    var type = (string)Shape(memberShape)["type"]!;
                    JsonNode? value = type switch
                    {
                        "string" => JsonValue.Create(name + "-value"),
                        "float" or "double" => JsonValue.Create(index + 0.25),
                        "integer" or "long" => JsonValue.Create(index),
                        "boolean" => JsonValue.Create(true),
                        "timestamp" => JsonValue.Create("2024-01-20T11:54:57.419Z"),
                        "blob" => JsonValue.Create("AQID"),
                        _ when depth < 8 => Example(memberShape, depth + 1),
                        _ => null,
                    };
                    if (value is not null)
                    {
                        result[WireName(name, member)] = value;
                    }
                }
                return result;
            case "list":
                var itemShape = (string)definition["member"]!["shape"]!;
                return Shape(itemShape)["type"]!.GetValue<string>() == "string"
                    ? new JsonArray(JsonValue.Create("item-value"))
                    : new JsonArray(Example(itemShape, depth + 1));
            case "map":
                return new JsonObject();
            default:
                throw new InvalidOperationException($"{shape} is not a structure, list or map.");
        }
    }

    public static JsonDocument LoadJson(params string[] parts) => JsonDocument.Parse(File.ReadAllBytes(SharedData.PathOf(parts)));
}
