using System.Text.Json.Nodes;
using Amazon.Lambda.APIGatewayEvents;
using ImageLabelsLive.Aws.Serialization;

namespace ImageLabelsLive.Testing.Events;

/// <summary>API Gateway events the tests write themselves: HTTP API payload 2.0 and WebSocket route events.</summary>
public static class HttpEvents
{
    public static JsonObject HttpApi(
        string method,
        string path,
        string routeKey,
        string? body = null,
        bool isBase64Encoded = false,
        IReadOnlyDictionary<string, string>? pathParameters = null,
        IReadOnlyDictionary<string, string>? query = null)
    {
        var lambdaEvent = new JsonObject
        {
            ["version"] = "2.0",
            ["routeKey"] = routeKey,
            ["rawPath"] = path,
            ["rawQueryString"] = query is null ? "" : string.Join('&', query.Select(pair => $"{pair.Key}={Uri.EscapeDataString(pair.Value)}")),
            ["headers"] = new JsonObject { ["content-type"] = "application/json", ["host"] = "api.example.com" },
            ["requestContext"] = new JsonObject
            {
                ["accountId"] = "123456789012",
                ["apiId"] = "api1",
                ["domainName"] = "api1.execute-api.eu-west-1.amazonaws.com",
                ["http"] = new JsonObject { ["method"] = method, ["path"] = path, ["protocol"] = "HTTP/1.1", ["sourceIp"] = "203.0.113.7", ["userAgent"] = "tests" },
                ["requestId"] = "req-1",
                ["routeKey"] = routeKey,
                ["stage"] = "$default",
                ["time"] = "21/Nov/2026:09:00:00 +0000",
                ["timeEpoch"] = 1795338000000,
            },
            ["isBase64Encoded"] = isBase64Encoded,
        };
        if (body is not null)
        {
            lambdaEvent["body"] = body;
        }
        if (pathParameters is not null)
        {
            lambdaEvent["pathParameters"] = Map(pathParameters);
        }
        if (query is not null)
        {
            lambdaEvent["queryStringParameters"] = Map(query);
        }
        return lambdaEvent;
    }

    public static JsonObject PostUploads(string? body, bool isBase64Encoded = false) =>
        HttpApi("POST", "/uploads", "POST /uploads", body, isBase64Encoded);

    public static JsonObject WebSocket(string routeKey, string eventType, string? connectionId, string? body = null, IReadOnlyDictionary<string, string>? query = null)
    {
        var context = new JsonObject
        {
            ["routeKey"] = routeKey,
            ["eventType"] = eventType,
            ["stage"] = "prod",
            ["requestId"] = "ws-req-1",
            ["apiId"] = "ws1",
            ["domainName"] = "ws1.execute-api.eu-west-1.amazonaws.com",
            ["connectedAt"] = 1795338000000,
            ["requestTimeEpoch"] = 1795338000100,
            ["messageDirection"] = "IN",
        };
        if (connectionId is not null)
        {
            context["connectionId"] = connectionId;
        }
        var lambdaEvent = new JsonObject { ["requestContext"] = context, ["isBase64Encoded"] = false };
        if (body is not null)
        {
            lambdaEvent["body"] = body;
        }
        if (query is not null)
        {
            lambdaEvent["queryStringParameters"] = Map(query);
        }
        return lambdaEvent;
    }

    /// <summary>The typed request the Stream entry point would have read from <paramref name="lambdaEvent"/>.</summary>
    /// <summary>An HTTP API request with path parameters and a raw query string (repeated names joined by commas, as API Gateway does).</summary>
    public static APIGatewayHttpApiV2ProxyRequest HttpApiRequest(string method, string path, string routeKey, Dictionary<string, string> pathParameters, string? rawQuery = null)
    {
        var json = HttpApi(method, path, routeKey, pathParameters: pathParameters);
        if (rawQuery is not null)
        {
            json["rawQueryString"] = rawQuery;
            var query = new JsonObject();
            foreach (var group in rawQuery.Split('&').Select(pair => pair.Split('=', 2)).GroupBy(pair => pair[0]))
            {
                query[group.Key] = string.Join(',', group.Select(pair => Uri.UnescapeDataString(pair[1])));
            }
            json["queryStringParameters"] = query;
        }
        return ToHttpRequest(json);
    }

    public static APIGatewayHttpApiV2ProxyRequest ToHttpRequest(JsonObject lambdaEvent) =>
        System.Text.Json.JsonSerializer.Deserialize(lambdaEvent.ToJsonString(), LambdaJson.Default.APIGatewayHttpApiV2ProxyRequest)!;

    public static APIGatewayProxyRequest ToWebSocketRequest(JsonObject lambdaEvent) =>
        System.Text.Json.JsonSerializer.Deserialize(lambdaEvent.ToJsonString(), LambdaJson.Default.APIGatewayProxyRequest)!;

    private static JsonObject Map(IReadOnlyDictionary<string, string> values)
    {
        var map = new JsonObject();
        foreach (var (name, value) in values)
        {
            map[name] = value;
        }
        return map;
    }
}
