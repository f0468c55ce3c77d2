using System.Net;
using System.Text.Json;
using Amazon.Lambda.APIGatewayEvents;
using ImageLabelsLive.Aws.Serialization;
using ImageLabelsLive.Core.Images;
using ImageLabelsLive.Core.Uploads;
using ImageLabelsLive.Core.Web;
using ImageLabelsLive.Functions.Catalog;
using ImageLabelsLive.Functions.Hosting;

namespace ImageLabelsLive.Functions.UploadUrl;

/// <summary>POST /uploads → 201 {imageId, uploadUrl, uploadHeaders, expiresAt}, or 400 with the reason.</summary>
public sealed class UploadUrlFunction(CreateUploadHandler handler) : ILambdaFunction
{
    public UploadUrlFunction()
        : this(FunctionContainer.Instance.CreateUpload())
    {
    }

    public Task<Stream> HandleAsync(Stream input) =>
        LambdaStreams.HandleAsync(input, LambdaJson.Default.APIGatewayHttpApiV2ProxyRequest, LambdaJson.Default.APIGatewayHttpApiV2ProxyResponse, HandleAsync);

    public Task<APIGatewayHttpApiV2ProxyResponse> HandleAsync(APIGatewayHttpApiV2ProxyRequest request, CancellationToken cancellationToken) =>
        HttpResponses.GuardAsync(nameof(UploadUrlFunction), async () =>
        {
            ArgumentNullException.ThrowIfNull(request);
            CreateUploadCommand? command;
            try
            {
                var body = HttpResponses.BodyText(request);
                command = string.IsNullOrWhiteSpace(body) ? null : JsonSerializer.Deserialize(body, WebJson.Default.CreateUploadCommand);
            }
            catch (Exception exception) when (exception is JsonException or FormatException)
            {
                command = null;
            }
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
        });
}
