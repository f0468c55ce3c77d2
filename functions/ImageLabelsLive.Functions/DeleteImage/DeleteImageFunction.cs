using System.Net;
using Amazon.Lambda.APIGatewayEvents;
using ImageLabelsLive.Core.Deletion;
using ImageLabelsLive.Core.Feeds;
using ImageLabelsLive.Functions.Hosting;

namespace ImageLabelsLive.Functions.DeleteImage;

/// <summary>DELETE /feeds/{feedId}/images/{imageId} → 204, or 404 ImageNotFound when the feed has no such image.</summary>
public sealed class DeleteImageFunction(DeleteImageHandler handler) : HttpApiFunction
{
    public DeleteImageFunction()
        : this(FunctionContainer.Instance.DeleteImage())
    {
    }

    protected override async Task<APIGatewayHttpApiV2ProxyResponse> RespondAsync(APIGatewayHttpApiV2ProxyRequest request, CancellationToken cancellationToken)
    {
        var outcome = await handler.HandleAsync(request.PathParameters.Get("feedId"), request.PathParameters.Get("imageId"), cancellationToken).ConfigureAwait(false);
        return outcome switch
        {
            DeleteOutcome.Deleted => HttpResponses.NoContent(),
            DeleteOutcome.InvalidFeedId => HttpResponses.BadRequest(FeedId.InvalidError),
            _ => HttpResponses.Error(HttpStatusCode.NotFound, DeleteImageHandler.NotFound),
        };
    }
}
