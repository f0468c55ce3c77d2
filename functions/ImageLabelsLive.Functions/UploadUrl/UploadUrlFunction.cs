using System.Net;
using Amazon.Lambda.APIGatewayEvents;
using ImageLabelsLive.Core.Images;
using ImageLabelsLive.Core.Uploads;
using ImageLabelsLive.Core.Web;
using ImageLabelsLive.Functions.Hosting;

namespace ImageLabelsLive.Functions.UploadUrl;

/// <summary>POST /uploads → 201 {imageId, uploadUrl, uploadHeaders, expiresAt}, or 400 with the reason.</summary>
public sealed class UploadUrlFunction(CreateUploadHandler handler) : HttpApiFunction
{
    public UploadUrlFunction()
        : this(FunctionContainer.Instance.CreateUpload())
    {
    }

    protected override async Task<APIGatewayHttpApiV2ProxyResponse> RespondAsync(APIGatewayHttpApiV2ProxyRequest request, CancellationToken cancellationToken)
    {
        var command = ReadBody(request, WebJson.Default.CreateUploadCommand);
        if (command is null)
        {
            return HttpResponses.BadRequest(new ImageError(
                "InvalidRequest",
                "Send a JSON object: {\"feedId\", \"fileName\", \"contentType\", \"size\", \"sha256\"?}."));
        }
        var (upload, duplicate, error) = await handler.HandleWithDuplicatesAsync(command, cancellationToken).ConfigureAwait(false);
        return upload is not null ? HttpResponses.Json(HttpStatusCode.Created, upload, WebJson.Default.CreateUploadResult)
            : duplicate is not null ? HttpResponses.Json(HttpStatusCode.OK, duplicate, WebJson.Default.DuplicateUploadResult)
            : HttpResponses.BadRequest(error!);
    }
}
