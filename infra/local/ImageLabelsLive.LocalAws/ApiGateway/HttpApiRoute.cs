namespace ImageLabelsLive.LocalAws.ApiGateway;

/// <summary>A route of the HTTP API: "POST /uploads" → function.</summary>
public sealed record HttpApiRoute(string Method, string PathTemplate, string FunctionName)
{
    public string RouteKey => $"{Method} {PathTemplate}";
}
