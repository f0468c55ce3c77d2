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

    protected abstract Task<APIGatewayHttpApiV2ProxyResponse> RespondAsync(APIGatewayHttpApiV2ProxyRequest request, CancellationToken cancellationToken);
}
