using Microsoft.AspNetCore.Http;

namespace ImageLabelsLive.LocalAws.S3;

/// <summary>The bucket CORS rule every bucket shares: the configured origins may GET, HEAD, PUT and DELETE.</summary>
internal sealed class S3Cors(LocalS3Options options)
{
    /// <summary>Adds CORS headers and answers a preflight; false for a preflight whose origin or method is not allowed.</summary>
    public bool Apply(HttpContext context, out bool preflight)
    {
        var request = context.Request;
        var response = context.Response;
        preflight = HttpMethods.IsOptions(request.Method);
        var origin = request.Headers.Origin.ToString();
        if (origin.Length == 0)
        {
            return preflight ? throw new S3ErrorException(S3Error.MissingOrigin()) : true;
        }
        if (!options.CorsAllowedOrigins.Contains("*") && !options.CorsAllowedOrigins.Contains(origin, StringComparer.OrdinalIgnoreCase))
        {
            // As S3: a preflight is refused; an actual request is served without CORS headers, so a browser withholds the answer.
            return !preflight;
        }
        response.Headers.AccessControlAllowOrigin = origin;
        response.Headers.Vary = "Origin";
        response.Headers.AccessControlExposeHeaders = "ETag, Content-Range, Content-Length, x-amz-request-id, x-amz-id-2";
        if (!preflight)
        {
            return true;
        }
        var method = request.Headers.AccessControlRequestMethod.ToString();
        if (method is not ("GET" or "HEAD" or "PUT" or "DELETE"))
        {
            return false;
        }
        response.Headers.AccessControlAllowMethods = "GET, HEAD, PUT, DELETE";
        if (request.Headers.AccessControlRequestHeaders.Count > 0)
        {
            response.Headers.AccessControlAllowHeaders = request.Headers.AccessControlRequestHeaders;
        }
        response.Headers.AccessControlMaxAge = "3000";
        response.StatusCode = StatusCodes.Status200OK;
        return true;
    }
}
