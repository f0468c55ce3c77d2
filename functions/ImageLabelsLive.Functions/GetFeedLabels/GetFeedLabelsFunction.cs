using System.Net;
using Amazon.Lambda.APIGatewayEvents;
using ImageLabelsLive.Aws.Serialization;
using ImageLabelsLive.Core.FeedLabels;
using ImageLabelsLive.Core.Web;
using ImageLabelsLive.Functions.Catalog;
using ImageLabelsLive.Functions.Hosting;

namespace ImageLabelsLive.Functions.GetFeedLabels;

/// <summary>GET /feeds/{feedId}/labels → {"labels": [{"name","count"}…], "images": N}.</summary>
public sealed class GetFeedLabelsFunction(GetFeedLabelsHandler handler) : ILambdaFunction
{
    public GetFeedLabelsFunction()
        : this(FunctionContainer.Instance.GetFeedLabels())
    {
    }

    public Task<Stream> HandleAsync(Stream input) =>
        LambdaStreams.HandleAsync(input, LambdaJson.Default.APIGatewayHttpApiV2ProxyRequest, LambdaJson.Default.APIGatewayHttpApiV2ProxyResponse, HandleAsync);

    public Task<APIGatewayHttpApiV2ProxyResponse> HandleAsync(APIGatewayHttpApiV2ProxyRequest request, CancellationToken cancellationToken) =>
        HttpResponses.GuardAsync(nameof(GetFeedLabelsFunction), async () =>
        {
            ArgumentNullException.ThrowIfNull(request);
            var (labels, error) = await handler.HandleAsync(request.PathParameters.Get("feedId"), cancellationToken).ConfigureAwait(false);
            return labels is null
                ? HttpResponses.BadRequest(error!)
                : HttpResponses.Json(HttpStatusCode.OK, labels, WebJson.Default.FeedLabelsResponse);
        });
}
