using System.Net;
using Amazon.Lambda.APIGatewayEvents;
using ImageLabelsLive.Aws.Serialization;
using ImageLabelsLive.Core.Deletion;
using ImageLabelsLive.Core.Feeds;
using ImageLabelsLive.Functions.Catalog;
using ImageLabelsLive.Functions.Hosting;

namespace ImageLabelsLive.Functions.DeleteImage;

/// <summary>DELETE /feeds/{feedId}/images/{imageId} → 204, or 404 ImageNotFound when the feed has no such image.</summary>
public sealed class DeleteImageFunction(DeleteImageHandler handler) : ILambdaFunction
{
    public DeleteImageFunction()
        : this(FunctionContainer.Instance.DeleteImage())
    {
    }

    public Task<Stream> HandleAsync(Stream input) =>
        LambdaStreams.HandleAsync(input, LambdaJson.Default.APIGatewayHttpApiV2ProxyRequest, LambdaJson.Default.APIGatewayHttpApiV2ProxyResponse, HandleAsync);

    public Task<APIGatewayHttpApiV2ProxyResponse> HandleAsync(APIGatewayHttpApiV2ProxyRequest request, CancellationToken cancellationToken) =>
        HttpResponses.GuardAsync(nameof(DeleteImageFunction), async () =>
        {
            ArgumentNullException.ThrowIfNull(request);
            var outcome = await handler.HandleAsync(request.PathParameters.Get("feedId"), request.PathParameters.Get("imageId"), cancellationToken).ConfigureAwait(false);
            return outcome switch
            {
                DeleteOutcome.Deleted => HttpResponses.NoContent(),
                DeleteOutcome.InvalidFeedId => HttpResponses.BadRequest(FeedId.InvalidError),
                _ => HttpResponses.Error(HttpStatusCode.NotFound, DeleteImageHandler.NotFound),
            };
        });
}
