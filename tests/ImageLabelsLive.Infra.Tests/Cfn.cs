using System.Text;
using System.Text.Json.Nodes;

namespace ImageLabelsLive.Infra.Tests;

/// <summary>
/// Renders CloudFormation values as text, so a test can say what an ARN or URL is built from:
/// {"Ref": "X"} is ${X}, {"Fn::GetAtt": ["X", "Y"]} is ${X.Y}, and Fn::Join concatenates.
/// </summary>
public static class Cfn
{
    public static string Render(JsonNode? node) => node switch
    {
        null => string.Empty,
        JsonValue value => value.ToString(),
        JsonObject o when o["Ref"] is { } reference => "${" + reference.GetValue<string>() + "}",
        JsonObject o when o["Fn::GetAtt"] is JsonArray getAtt => "${" + string.Join('.', getAtt.Select(p => p!.GetValue<string>())) + "}",
        JsonObject o when o["Fn::Join"] is JsonArray join => string.Join(join[0]!.GetValue<string>(), join[1]!.AsArray().Select(Render)),
        JsonObject o when o["Fn::Sub"] is JsonValue sub => sub.GetValue<string>(),
        _ => node.ToJsonString(),
    };

    /// <summary>A value that may be one item or a list of items, as IAM's Action and Resource are.</summary>
    public static IReadOnlyList<string> RenderList(JsonNode? node) =>
        node is JsonArray array ? array.Select(Render).ToList() : [Render(node)];

    public static string Ref(string logicalId) => "${" + logicalId + "}";

    public static string GetAtt(string logicalId, string attribute) => "${" + logicalId + "." + attribute + "}";

    public static string Describe(IEnumerable<string> items)
    {
        var text = new StringBuilder();
        foreach (var item in items)
        {
            text.AppendLine(item);
        }

        return text.ToString();
    }
}
