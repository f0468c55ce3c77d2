using ImageLabelsLive.Core.Images;
using ImageLabelsLive.Core.Ports;

namespace ImageLabelsLive.Core.Uploads;

/// <summary>POST /uploads: validates, records the image as uploading, and presigns the PUT of its bytes.</summary>
public sealed class CreateUploadHandler(IImageStore images, IUploadUrlSigner signer, TimeProvider clock, TimeSpan urlLifetime, IFeedQueries? feeds = null, ImageLinks? links = null)
{
    public static TimeSpan DefaultUrlLifetime { get; } = TimeSpan.FromMinutes(5);

    /// <summary>Returns the upload, or the reason it was refused.</summary>
    public async Task<(CreateUploadResult? Upload, ImageError? Error)> HandleAsync(CreateUploadCommand command, CancellationToken cancellationToken)
    {
        var (upload, _, error) = await HandleWithDuplicatesAsync(command, cancellationToken).ConfigureAwait(false);
        return (upload, error);
    }

    /// <summary>Returns the upload, or the image of the same feed that already has these bytes, or the reason it was refused.</summary>
    public async Task<(CreateUploadResult? Upload, DuplicateUploadResult? Duplicate, ImageError? Error)> HandleWithDuplicatesAsync(
        CreateUploadCommand command, CancellationToken cancellationToken)
    {
        if (CreateUploadValidator.Validate(command) is { } error)
        {
            return (null, null, error);
        }
        if (command.Sha256 is { } sha256 && feeds is not null)
        {
            var same = await feeds.FindBySha256Async(command.FeedId!, sha256, cancellationToken).ConfigureAwait(false);
            // A failed or deleted image is no reason to refuse the bytes: they may label this time.
            // The furthest along, then the oldest: the card people already see.
            if (same.Where(image => image.Status is not (ImageStatus.Failed or ImageStatus.Deleted))
                    .OrderByDescending(image => image.Status).ThenBy(image => image.CreatedAt).FirstOrDefault() is { } existing)
            {
                return (null, new DuplicateUploadResult(existing.ImageId, (links ?? ImageLinks.None).WithLink(existing)), null);
            }
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
            Sha256 = command.Sha256,
            Status = ImageStatus.Uploading,
            CreatedAt = now,
            UpdatedAt = now,
        };
        await images.CreateAsync(record, cancellationToken).ConfigureAwait(false);

        var expiresAt = now + urlLifetime;
        var url = signer.SignPut(record.ObjectKey, contentType, expiresAt, command.Sha256);
        var headers = new Dictionary<string, string>(StringComparer.Ordinal) { ["Content-Type"] = contentType };
        if (command.Sha256 is not null)
        {
            headers["x-amz-checksum-sha256"] = command.Sha256;
        }
        return (new CreateUploadResult(record.ImageId, url, headers, expiresAt), null, null);
    }
}
