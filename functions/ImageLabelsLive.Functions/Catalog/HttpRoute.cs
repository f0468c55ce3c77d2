namespace ImageLabelsLive.Functions.Catalog;

/// <summary>A route of the HTTP API (payload format 2.0); the path is the web API's, without the /api prefix.</summary>
public sealed record HttpRoute(string Method, string Path) : FunctionTrigger
{
    /// <summary>The route key as API Gateway writes it: "GET /feeds/{feedId}/images".</summary>
    public string RouteKey => $"{Method} {Path}";
}
