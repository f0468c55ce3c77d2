using System.Net;
using Amazon.Lambda.APIGatewayEvents;
using ImageLabelsLive.Aws.Serialization;
using ImageLabelsLive.Core.Feeds;
using ImageLabelsLive.Core.Web;
using ImageLabelsLive.Functions.Catalog;
using ImageLabelsLive.Functions.Hosting;

namespace ImageLabelsLive.Functions.GetImage;

/// <summary>GET /images/{imageId} → the ImageRecord, or 404 {"error": ...}.</summary>
public sealed class GetImageFunction(GetImageHandler handler) : ILambdaFunction
{
    public GetImageFunction()
        : this(FunctionContainer.Instance.GetImage())
    {
    }

    public Task<Stream> HandleAsync(Stream input) =>
        LambdaStreams.HandleAsync(input, LambdaJson.Default.APIGatewayHttpApiV2ProxyRequest, LambdaJson.Default.APIGatewayHttpApiV2ProxyResponse, HandleAsync);

    public Task<APIGatewayHttpApiV2ProxyResponse> HandleAsync(APIGatewayHttpApiV2ProxyRequest request, CancellationToken cancellationToken) =>
        HttpResponses.GuardAsync(nameof(GetImageFunction), async () =>
        {
            ArgumentNullException.ThrowIfNull(request);
            var image = await handler.HandleAsync(request.PathParameters.Get("imageId"), cancellationToken).ConfigureAwait(false);
            return image is null
                ? HttpResponses.Error(HttpStatusCode.NotFound, GetImageHandler.NotFound)
                : HttpResponses.Json(HttpStatusCode.OK, image, WebJson.Default.ImageRecord);
        });
}
