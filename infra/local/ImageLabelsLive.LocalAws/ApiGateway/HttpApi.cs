using System.Text;
using System.Text.Json;
using ImageLabelsLive.LocalAws.Lambda;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ImageLabelsLive.LocalAws.ApiGateway;

/// <summary>
/// API Gateway's HTTP API with Lambda proxy integrations, payload format 2.0: each request becomes the
/// event JSON API Gateway sends, and the function's answer becomes the HTTP response.
/// </summary>
public static class HttpApi
{
    public const int MaxBodyBytes = 10 * 1024 * 1024;

    public static IEndpointRouteBuilder MapLocalHttpApi(this IEndpointRouteBuilder endpoints, string pathPrefix, IEnumerable<HttpApiRoute> routes)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(routes);
        var group = endpoints.MapGroup(pathPrefix);
        foreach (var route in routes)
        {
            group.MapMethods(route.PathTemplate, [route.Method], (HttpContext context) => InvokeAsync(context, pathPrefix, route));
        }
        // Unmatched paths answer as API Gateway does.
        group.Map("/{**rest}", () => Results.Json(new Dictionary<string, string> { ["message"] = "Not Found" }, statusCode: 404));
        return endpoints;
    }

    private static async Task InvokeAsync(HttpContext context, string pathPrefix, HttpApiRoute route)
    {
        var invoker = context.RequestServices.GetRequiredService<ILambdaInvoker>();
        var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("HttpApi");
        var body = await ReadBodyAsync(context.Request).ConfigureAwait(false);
        if (body is null)
        {
            await WriteMessageAsync(context, 413, "Request Entity Too Large").ConfigureAwait(false);
            return;
        }
        var payload = HttpApiEvent.Build(context, pathPrefix, route, body);
        byte[] answer;
        try
        {
            answer = await invoker.InvokeAsync(route.FunctionName, payload, context.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogError(exception, "{Route} → {Function} failed", route.RouteKey, route.FunctionName);
            await WriteMessageAsync(context, 500, "Internal Server Error").ConfigureAwait(false);
            return;
        }
        await WriteAnswerAsync(context, answer).ConfigureAwait(false);
    }

    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return null;
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    /// <summary>
    /// Applies a function's answer. Format 2.0 allows a bare JSON value (then it is the 200 body) or an
    /// object with statusCode, headers, cookies, body and isBase64Encoded.
    /// </summary>
    internal static async Task WriteAnswerAsync(HttpContext context, byte[] answer)
    {
        using var document = JsonDocument.Parse(answer);
        var root = document.RootElement;
        var response = context.Response;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("statusCode", out var statusCode))
        {
            response.StatusCode = 200;
            response.ContentType = "application/json";
            await response.Body.WriteAsync(answer, context.RequestAborted).ConfigureAwait(false);
            return;
        }
        response.StatusCode = statusCode.GetInt32();
        if (root.TryGetProperty("headers", out var headers) && headers.ValueKind == JsonValueKind.Object)
        {
            foreach (var header in headers.EnumerateObject())
            {
                response.Headers[header.Name] = header.Value.ToString();
            }
        }
        if (root.TryGetProperty("cookies", out var cookies) && cookies.ValueKind == JsonValueKind.Array)
        {
            foreach (var cookie in cookies.EnumerateArray())
            {
                response.Headers.Append("Set-Cookie", cookie.GetString());
            }
        }
        if (root.TryGetProperty("body", out var body) && body.ValueKind == JsonValueKind.String)
        {
            var isBase64 = root.TryGetProperty("isBase64Encoded", out var flag) && flag.ValueKind == JsonValueKind.True;
            var bytes = isBase64 ? Convert.FromBase64String(body.GetString()!) : Encoding.UTF8.GetBytes(body.GetString()!);
            await response.Body.WriteAsync(bytes, context.RequestAborted).ConfigureAwait(false);
        }
    }

    private static Task WriteMessageAsync(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(new Dictionary<string, string> { ["message"] = message });
    }
}
