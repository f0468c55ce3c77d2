using System.Text;
using System.Text.Json.Nodes;

namespace ImageLabelsLive.Testing.Events;

/// <summary>Calls a function the way Lambda's managed runtime does: event JSON in a stream, answer JSON out of one.</summary>
public static class LambdaInvocation
{
    public static async Task<JsonNode> InvokeAsync(Func<Stream, Task<Stream>> entryPoint, string eventJson)
    {
        using var input = new MemoryStream(Encoding.UTF8.GetBytes(eventJson));
        await using var output = await entryPoint(input);
        return JsonNode.Parse(output) ?? throw new InvalidOperationException("The function answered JSON null.");
    }

    public static Task<JsonNode> InvokeAsync(Func<Stream, Task<Stream>> entryPoint, JsonNode lambdaEvent) =>
        InvokeAsync(entryPoint, lambdaEvent.ToJsonString());

    /// <summary>An HTTP API answer's body, parsed; it is JSON text inside the "body" string.</summary>
    public static JsonNode Body(JsonNode response) =>
        JsonNode.Parse(response["body"]!.GetValue<string>()) ?? throw new InvalidOperationException("The body is JSON null.");

    /// <summary>Loads one of ../shared's real Lambda events as a mutable tree.</summary>
    public static JsonObject SharedEvent(string fileName) =>
        JsonNode.Parse(File.ReadAllText(SharedData.PathOf("contracts", "events", fileName)))!.AsObject();
}
