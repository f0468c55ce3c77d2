using System.Net;
using Amazon.Lambda.APIGatewayEvents;
using ImageLabelsLive.Core.FeedLabels;
using ImageLabelsLive.Core.Web;
using ImageLabelsLive.Functions.Hosting;

namespace ImageLabelsLive.Functions.GetFeedLabels;

/// <summary>GET /feeds/{feedId}/labels → {"labels": [{"name","count"}…], "images": N}.</summary>
public sealed class GetFeedLabelsFunction(GetFeedLabelsHandler handler) : HttpApiFunction
{
    public GetFeedLabelsFunction()
        : this(FunctionContainer.Instance.GetFeedLabels())
    {
    }

    protected override async Task<APIGatewayHttpApiV2ProxyResponse> RespondAsync(APIGatewayHttpApiV2ProxyRequest request, CancellationToken cancellationToken)
    {
        var (labels, error) = await handler.HandleAsync(request.PathParameters.Get("feedId"), cancellationToken).ConfigureAwait(false);
        return labels is null
            ? HttpResponses.BadRequest(error!)
            : HttpResponses.Json(HttpStatusCode.OK, labels, WebJson.Default.FeedLabelsResponse);
    }
}
