using System.Globalization;
using System.Text;
using System.Text.Json;
using Amazon.Lambda.APIGatewayEvents;
using Microsoft.AspNetCore.Http;

namespace ImageLabelsLive.LocalAws.ApiGateway;

/// <summary>The payload format 2.0 event API Gateway's HTTP API sends a Lambda proxy integration, field for field.</summary>
internal static class HttpApiEvent
{
    public static byte[] Build(HttpContext context, string pathPrefix, HttpApiRoute route, byte[] body)
    {
        var request = context.Request;
        var now = DateTimeOffset.UtcNow;
        var rawPath = request.Path.Value is { } path && path.StartsWith(pathPrefix, StringComparison.Ordinal) ? path[pathPrefix.Length..] : request.Path.Value ?? "/";
        var cookies = request.Headers.Cookie.ToString();
        var routeValues = request.RouteValues.Where(value => route.PathTemplate.Contains("{" + value.Key + "}", StringComparison.Ordinal)).ToArray();
        var isText = IsText(request.ContentType);
        var lambdaEvent = new APIGatewayHttpApiV2ProxyRequest
        {
            Version = "2.0",
            RouteKey = route.RouteKey,
            RawPath = rawPath.Length == 0 ? "/" : rawPath,
            RawQueryString = request.QueryString.HasValue ? request.QueryString.Value![1..] : "",
            Cookies = cookies.Length > 0 ? cookies.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) : null,
            // Cookies travel in their own member, as API Gateway sends them.
            Headers = request.Headers
                .Where(header => !header.Key.Equals("Cookie", StringComparison.OrdinalIgnoreCase))
                .ToDictionary(header => header.Key.ToLowerInvariant(), header => string.Join(',', header.Value.ToArray()), StringComparer.Ordinal),
            QueryStringParameters = request.Query.Count > 0
                ? request.Query.ToDictionary(parameter => parameter.Key, parameter => string.Join(',', parameter.Value.ToArray()), StringComparer.Ordinal)
                : null,
            PathParameters = routeValues.Length > 0
                ? routeValues.ToDictionary(value => value.Key, value => Convert.ToString(value.Value, CultureInfo.InvariantCulture) ?? string.Empty, StringComparer.Ordinal)
                : null,
            RequestContext = new APIGatewayHttpApiV2ProxyRequest.ProxyRequestContext
            {
                AccountId = "000000000000",
                ApiId = "local",
                DomainName = request.Host.Value,
                DomainPrefix = request.Host.Host,
                Http = new APIGatewayHttpApiV2ProxyRequest.HttpDescription
                {
                    Method = request.Method,
                    Path = rawPath,
                    Protocol = request.Protocol,
                    SourceIp = context.Connection.RemoteIpAddress?.ToString() ?? "127.0.0.1",
                    UserAgent = request.Headers.UserAgent.ToString(),
                },
                RequestId = RequestIds.New(),
                RouteKey = route.RouteKey,
                Stage = "$default",
                Time = now.ToString("dd/MMM/yyyy:HH:mm:ss +0000", CultureInfo.InvariantCulture),
                TimeEpoch = now.ToUnixTimeMilliseconds(),
            },
            Body = body.Length > 0 ? (isText ? Encoding.UTF8.GetString(body) : Convert.ToBase64String(body)) : null,
            IsBase64Encoded = body.Length > 0 && !isText,
        };
        return JsonSerializer.SerializeToUtf8Bytes(lambdaEvent, ApiGatewayEventJson.Default.APIGatewayHttpApiV2ProxyRequest);
    }

    private static bool IsText(string? contentType) =>
        contentType is null
        || contentType.StartsWith("text/", StringComparison.OrdinalIgnoreCase)
        || contentType.Contains("json", StringComparison.OrdinalIgnoreCase)
        || contentType.Contains("xml", StringComparison.OrdinalIgnoreCase)
        || contentType.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase);
}
