using ImageLabelsLive.LocalAws.AwsProtocols;
using Microsoft.AspNetCore.Http;

namespace ImageLabelsLive.LocalAws.ApiGateway;

/// <summary>A REST-JSON error: the type in x-amzn-ErrorType, the body {"message": …}.</summary>
internal sealed class ManagementApiErrorResult(AwsProtocolError error) : IResult
{
    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = error.Status;
        httpContext.Response.Headers["x-amzn-ErrorType"] = error.Code;
        httpContext.Response.Headers["x-amzn-RequestId"] = RequestIds.New();
        return httpContext.Response.WriteAsJsonAsync(new Dictionary<string, string?> { ["message"] = error.Message });
    }
}
