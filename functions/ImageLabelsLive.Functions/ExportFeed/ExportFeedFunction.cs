using System.Net;
using Amazon.Lambda.APIGatewayEvents;
using ImageLabelsLive.Core.Export;
using ImageLabelsLive.Functions.Hosting;

namespace ImageLabelsLive.Functions.ExportFeed;

/// <summary>
/// GET /feeds/{feedId}/export?format=csv|json → 303 to a five-minute presigned GET of the finished file, which S3
/// serves with Content-Disposition: attachment (API Gateway could not carry a large feed's file itself: 6 MB).
/// </summary>
public sealed class ExportFeedFunction(ExportFeedHandler handler) : HttpApiFunction
{
    public ExportFeedFunction()
        : this(FunctionContainer.Instance.ExportFeed())
    {
    }

    protected override async Task<APIGatewayHttpApiV2ProxyResponse> RespondAsync(APIGatewayHttpApiV2ProxyRequest request, CancellationToken cancellationToken)
    {
        var (download, error) = await handler.HandleAsync(
            request.PathParameters.Get("feedId"), request.QueryStringParameters.Get("format"), cancellationToken).ConfigureAwait(false);
        return download is null ? HttpResponses.BadRequest(error!) : HttpResponses.SeeOther(download);
    }
}
