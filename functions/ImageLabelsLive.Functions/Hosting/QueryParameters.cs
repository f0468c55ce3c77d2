using System.Net;

namespace ImageLabelsLive.Functions.Hosting;

/// <summary>
/// Every value of a repeated query parameter (label=Dog&amp;label=Person). API Gateway joins repeated values with commas
/// in queryStringParameters, which a value's own comma would confuse, so the raw query string is read when present.
/// </summary>
internal static class QueryParameters
{
    public static IReadOnlyList<string> All(string? rawQueryString, IDictionary<string, string>? parameters, string name)
    {
        if (!string.IsNullOrEmpty(rawQueryString))
        {
            return rawQueryString.Split('&', StringSplitOptions.RemoveEmptyEntries)
                .Select(pair => pair.Split('=', 2))
                .Where(pair => Decode(pair[0]) == name)
                .Select(pair => pair.Length == 2 ? Decode(pair[1]) : "")
                .ToArray();
        }
        return parameters.Get(name) is { } joined ? joined.Split(',') : [];
    }

    private static string Decode(string text) => WebUtility.UrlDecode(text);
}
