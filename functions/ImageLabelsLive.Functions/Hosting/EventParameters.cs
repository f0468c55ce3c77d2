namespace ImageLabelsLive.Functions.Hosting;

/// <summary>Reads path and query parameters, which API Gateway omits entirely when there are none.</summary>
internal static class EventParameters
{
    public static string? Get(this IDictionary<string, string>? parameters, string name) =>
        parameters is not null && parameters.TryGetValue(name, out var value) ? value : null;
}
