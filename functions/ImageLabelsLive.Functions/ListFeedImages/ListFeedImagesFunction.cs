using System.Net;
using Amazon.Lambda.APIGatewayEvents;
using ImageLabelsLive.Core.FeedHistory;
using ImageLabelsLive.Core.Feeds;
using ImageLabelsLive.Core.Web;
using ImageLabelsLive.Functions.Hosting;

namespace ImageLabelsLive.Functions.ListFeedImages;

/// <summary>GET /feeds/{feedId}/images?limit=&amp;cursor=&amp;label=…|changedSince= → {"images": [...], "nextCursor"}.</summary>
public sealed class ListFeedImagesFunction(ListFeedImagesHandler handler) : HttpApiFunction
{
    public ListFeedImagesFunction()
        : this(FunctionContainer.Instance.ListFeedImages())
    {
    }

    protected override async Task<APIGatewayHttpApiV2ProxyResponse> RespondAsync(APIGatewayHttpApiV2ProxyRequest request, CancellationToken cancellationToken)
    {
        var query = request.QueryStringParameters;
        var (page, error) = await handler.HandleAsync(
            new ListFeedImagesQuery(
                request.PathParameters.Get("feedId"),
                query.Get("limit"),
                query.Get("cursor"),
                QueryParameters.All(request.RawQueryString, query, "label"),
                query.Get("changedSince")),
            cancellationToken).ConfigureAwait(false);
        return page is null
            ? HttpResponses.BadRequest(error!)
            : HttpResponses.Json(HttpStatusCode.OK, page, WebJson.Default.ImageListResponse);
    }
}
