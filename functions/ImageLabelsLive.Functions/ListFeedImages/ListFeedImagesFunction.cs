using System.Net;
using Amazon.Lambda.APIGatewayEvents;
using ImageLabelsLive.Aws.Serialization;
using ImageLabelsLive.Core.FeedHistory;
using ImageLabelsLive.Core.Feeds;
using ImageLabelsLive.Core.Web;
using ImageLabelsLive.Functions.Catalog;
using ImageLabelsLive.Functions.Hosting;

namespace ImageLabelsLive.Functions.ListFeedImages;

/// <summary>GET /feeds/{feedId}/images?limit=&amp;cursor=&amp;label=…|changedSince= → {"images": [...], "nextCursor"}.</summary>
public sealed class ListFeedImagesFunction(ListFeedImagesHandler handler) : ILambdaFunction
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
        });
}
