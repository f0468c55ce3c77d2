using System.Net;
using Amazon.Lambda.APIGatewayEvents;
using ImageLabelsLive.Aws.Serialization;
using ImageLabelsLive.Core.Feeds;
using ImageLabelsLive.Core.Web;
using ImageLabelsLive.Functions.Hosting;

namespace ImageLabelsLive.Functions.ListFeedImages;

/// <summary>GET /feeds/{feedId}/images?limit=50 → {"images": [...]}, newest first.</summary>
public sealed class ListFeedImagesFunction(ListFeedImagesHandler handler)
{
    public ListFeedImagesFunction()
        : this(FunctionContainer.Instance.ListFeedImages())
    {
    }

    public Task<Stream> HandleAsync(Stream input) =>
        LambdaStreams.HandleAsync(input, LambdaJson.Default.APIGatewayHttpApiV2ProxyRequest, LambdaJson.Default.APIGatewayHttpApiV2ProxyResponse, HandleAsync);

    public Task<APIGatewayHttpApiV2ProxyResponse> HandleAsync(APIGatewayHttpApiV2ProxyRequest request, CancellationToken cancellationToken) =>
        HttpResponses.GuardAsync(nameof(ListFeedImagesFunction), async () =>
        {
            ArgumentNullException.ThrowIfNull(request);
            var feedId = request.PathParameters.Get("feedId");
            var limit = request.QueryStringParameters.Get("limit");
            var (images, error) = await handler.HandleAsync(feedId, limit, cancellationToken).ConfigureAwait(false);
            return images is null
                ? HttpResponses.BadRequest(error!)
                : HttpResponses.Json(HttpStatusCode.OK, new ImageListResponse(images), WebJson.Default.ImageListResponse);
        });
}
