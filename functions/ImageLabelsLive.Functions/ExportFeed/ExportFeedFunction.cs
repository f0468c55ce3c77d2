using System.Net;
using Amazon.Lambda.APIGatewayEvents;
using ImageLabelsLive.Aws.Serialization;
using ImageLabelsLive.Core.Export;
using ImageLabelsLive.Functions.Catalog;
using ImageLabelsLive.Functions.Hosting;

namespace ImageLabelsLive.Functions.ExportFeed;

/// <summary>
/// GET /feeds/{feedId}/export?format=csv|json → 303 to a five-minute presigned GET of the finished file, which S3
/// serves with Content-Disposition: attachment (API Gateway could not carry a large feed's file itself: 6 MB).
/// </summary>
public sealed class ExportFeedFunction(ExportFeedHandler handler) : ILambdaFunction
{
    public ExportFeedFunction()
        : this(FunctionContainer.Instance.ExportFeed())
    {
    }

    public Task<Stream> HandleAsync(Stream input) =>
        LambdaStreams.HandleAsync(input, LambdaJson.Default.APIGatewayHttpApiV2ProxyRequest, LambdaJson.Default.APIGatewayHttpApiV2ProxyResponse, HandleAsync);

    public Task<APIGatewayHttpApiV2ProxyResponse> HandleAsync(APIGatewayHttpApiV2ProxyRequest request, CancellationToken cancellationToken) =>
        HttpResponses.GuardAsync(nameof(ExportFeedFunction), async () =>
        {
            ArgumentNullException.ThrowIfNull(request);
            var (download, error) = await handler.HandleAsync(
                request.PathParameters.Get("feedId"), request.QueryStringParameters.Get("format"), cancellationToken).ConfigureAwait(false);
            return download is null ? HttpResponses.BadRequest(error!) : HttpResponses.SeeOther(download);
        });
}
