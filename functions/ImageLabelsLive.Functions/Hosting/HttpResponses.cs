using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Amazon.Lambda.APIGatewayEvents;
using ImageLabelsLive.Core.Images;
using ImageLabelsLive.Core.Web;

namespace ImageLabelsLive.Functions.Hosting;

/// <summary>Shapes HTTP API answers: JSON bodies, and errors as {"error":{"code","message"}} without stack traces.</summary>
internal static class HttpResponses
{
    public static APIGatewayHttpApiV2ProxyResponse Json<T>(HttpStatusCode status, T body, JsonTypeInfo<T> type) => new()
    {
        StatusCode = (int)status,
        Headers = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Content-Type"] = "application/json; charset=utf-8",
            ["Cache-Control"] = "no-store",
        },
        Body = JsonSerializer.Serialize(body, type),
        IsBase64Encoded = false,
    };

    public static APIGatewayHttpApiV2ProxyResponse Error(HttpStatusCode status, ImageError error) =>
        Json(status, new ErrorResponse(error), WebJson.Default.ErrorResponse);

    public static APIGatewayHttpApiV2ProxyResponse NoContent() => new()
    {
        StatusCode = (int)HttpStatusCode.NoContent,
        Headers = new Dictionary<string, string>(StringComparer.Ordinal) { ["Cache-Control"] = "no-store" },
    };

    /// <summary>303: the client fetches <paramref name="location"/> with GET (how a finished export is handed over).</summary>
    public static APIGatewayHttpApiV2ProxyResponse SeeOther(Uri location) => new()
    {
        StatusCode = (int)HttpStatusCode.SeeOther,
        Headers = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Location"] = location.AbsoluteUri,
            ["Cache-Control"] = "no-store",
        },
    };

    public static APIGatewayHttpApiV2ProxyResponse BadRequest(ImageError error) => Error(HttpStatusCode.BadRequest, error);

    public static APIGatewayHttpApiV2ProxyResponse InternalError() =>
        Error(HttpStatusCode.InternalServerError, new ImageError("InternalError", "Something went wrong on our side; try again in a moment."));

    /// <summary>Runs an HTTP handler, turning any unexpected exception into a logged 500 with no detail leaked.</summary>
    public static async Task<APIGatewayHttpApiV2ProxyResponse> GuardAsync(string function, Func<Task<APIGatewayHttpApiV2ProxyResponse>> handler)
    {
        try
        {
            return await handler().ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            FunctionLog.Error(function, "request failed", exception);
            return InternalError();
        }
    }

    /// <summary>The request body as text, decoding base64 when API Gateway encoded it.</summary>
    public static string? BodyText(APIGatewayHttpApiV2ProxyRequest request) =>
        request.Body is null ? null
        : request.IsBase64Encoded ? System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(request.Body))
        : request.Body;
}
