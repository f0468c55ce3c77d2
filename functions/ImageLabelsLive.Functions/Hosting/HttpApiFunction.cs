using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Amazon.Lambda.APIGatewayEvents;
using ImageLabelsLive.Aws.Serialization;
using ImageLabelsLive.Functions.Catalog;

namespace ImageLabelsLive.Functions.Hosting;

/// <summary>
/// A route of the HTTP API (payload format 2.0): the Stream entry point, and a guard that turns any unexpected
/// exception into a logged 500 with no detail leaked. A function only says how it answers a request.
/// </summary>
public abstract class HttpApiFunction : ILambdaFunction
{
    public Task<Stream> HandleAsync(Stream input) =>
        LambdaStreams.HandleAsync(input, LambdaJson.Default.APIGatewayHttpApiV2ProxyRequest, LambdaJson.Default.APIGatewayHttpApiV2ProxyResponse, HandleAsync);

    public Task<APIGatewayHttpApiV2ProxyResponse> HandleAsync(APIGatewayHttpApiV2ProxyRequest request, CancellationToken cancellationToken) =>
        HttpResponses.GuardAsync(GetType().Name, () =>
        {
            ArgumentNullException.ThrowIfNull(request);
            return RespondAsync(request, cancellationToken);
        });

    /// <summary>The request's JSON body as <typeparamref name="T"/>, or null when it is empty, not JSON or badly base64-encoded.</summary>
    protected static T? ReadBody<T>(APIGatewayHttpApiV2ProxyRequest request, JsonTypeInfo<T> typeInfo)
        where T : class
    {
        try
        {
            var body = HttpResponses.BodyText(request);
            return string.IsNullOrWhiteSpace(body) ? null : JsonSerializer.Deserialize(body, typeInfo);
        }
        catch (Exception exception) when (exception is JsonException or FormatException)
        {
            return null;
        }
    }

    protected abstract Task<APIGatewayHttpApiV2ProxyResponse> RespondAsync(APIGatewayHttpApiV2ProxyRequest request, CancellationToken cancellationToken);
}
