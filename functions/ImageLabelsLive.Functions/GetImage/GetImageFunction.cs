using System.Net;
using Amazon.Lambda.APIGatewayEvents;
using ImageLabelsLive.Core.Feeds;
using ImageLabelsLive.Core.Web;
using ImageLabelsLive.Functions.Hosting;

namespace ImageLabelsLive.Functions.GetImage;

/// <summary>GET /images/{imageId} → the ImageRecord, or 404 {"error": ...}.</summary>
public sealed class GetImageFunction(GetImageHandler handler) : HttpApiFunction
{
    public GetImageFunction()
        : this(FunctionContainer.Instance.GetImage())
    {
    }

    protected override async Task<APIGatewayHttpApiV2ProxyResponse> RespondAsync(APIGatewayHttpApiV2ProxyRequest request, CancellationToken cancellationToken)
    {
        var image = await handler.HandleAsync(request.PathParameters.Get("imageId"), cancellationToken).ConfigureAwait(false);
        return image is null
            ? HttpResponses.Error(HttpStatusCode.NotFound, GetImageHandler.NotFound)
            : HttpResponses.Json(HttpStatusCode.OK, image, WebJson.Default.ImageRecord);
    }
}
