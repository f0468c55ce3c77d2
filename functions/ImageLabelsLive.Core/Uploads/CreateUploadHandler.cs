using ImageLabelsLive.Core.Images;
using ImageLabelsLive.Core.Ports;

namespace ImageLabelsLive.Core.Uploads;

/// <summary>POST /uploads: validates, records the image as uploading, and presigns the PUT of its bytes.</summary>
public sealed class CreateUploadHandler(IImageStore images, IUploadUrlSigner signer, TimeProvider clock, TimeSpan urlLifetime)
{
    public static TimeSpan DefaultUrlLifetime { get; } = TimeSpan.FromMinutes(5);

    /// <summary>Returns the upload, or the reason it was refused.</summary>
    public async Task<(CreateUploadResult? Upload, ImageError? Error)> HandleAsync(CreateUploadCommand command, CancellationToken cancellationToken)
    {
        if (CreateUploadValidator.Validate(command) is { } error)
        {
            return (null, error);
        }
        var now = clock.GetUtcNow();
        var contentType = CreateUploadValidator.NormalizeContentType(command.ContentType)!;
        var record = new ImageRecord
        {
            ImageId = ImageIds.New(),
            FeedId = command.FeedId!,
            FileName = DisplayFileName.Clean(command.FileName),
            ContentType = contentType,
            Size = command.Size!.Value,
            Status = ImageStatus.Uploading,
            CreatedAt = now,
            UpdatedAt = now,
        };
        await images.CreateAsync(record, cancellationToken).ConfigureAwait(false);

        var expiresAt = now + urlLifetime;
        var url = signer.SignPut(record.ObjectKey, contentType, expiresAt);
        var headers = new Dictionary<string, string>(StringComparer.Ordinal) { ["Content-Type"] = contentType };
        return (new CreateUploadResult(record.ImageId, url, headers, expiresAt), null);
    }
}
