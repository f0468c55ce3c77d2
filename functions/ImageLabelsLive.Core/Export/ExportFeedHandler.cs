using ImageLabelsLive.Core.Feeds;
using ImageLabelsLive.Core.Images;
using ImageLabelsLive.Core.Ports;

namespace ImageLabelsLive.Core.Export;

/// <summary>
/// GET /feeds/{feedId}/export?format=csv|json. API Gateway buffers a Lambda's answer (6 MB at most) and the managed
/// .NET runtime cannot stream one, so the export is written page by page to a temporary file (memory holds one page),
/// stored in the private bucket under exports/, and answered with a short-lived presigned GET that downloads it.
/// </summary>
public sealed class ExportFeedHandler(IFeedQueries feeds, IStoredObjects objects, TimeProvider clock)
{
    public const string ExportPrefix = "exports/";
    public const int PageSize = ListFeedImagesHandler.MaxLimit;

    public static TimeSpan LinkLifetime { get; } = TimeSpan.FromMinutes(5);

    public async Task<(Uri? Download, ImageError? Error)> HandleAsync(string? feedId, string? format, CancellationToken cancellationToken)
    {
        if (!FeedId.IsValid(feedId))
        {
            return (null, FeedId.InvalidError);
        }
        if (ExportFormat.Parse(format) is not { } exportFormat)
        {
            return (null, new ImageError("InvalidFormat", "format is csv or json, as in ?format=csv."));
        }
        var exportedAt = clock.GetUtcNow();
        var path = Path.Combine(Path.GetTempPath(), $"export-{ImageIds.New()}.{exportFormat.Extension}");
        try
        {
            var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024, useAsync: true);
            await using (file.ConfigureAwait(false))
            {
                await WriteAsync(feedId!, exportFormat, exportedAt, file, cancellationToken).ConfigureAwait(false);
            }
            var stamp = exportedAt.UtcDateTime.ToString("yyyyMMdd-HHmmss", System.Globalization.CultureInfo.InvariantCulture);
            var key = $"{ExportPrefix}{feedId}/{ImageIds.New()}.{exportFormat.Extension}";
            var link = await objects.StoreExportAsync(
                key, path, exportFormat.ContentType, $"feed-{stamp}.{exportFormat.Extension}", exportedAt + LinkLifetime, cancellationToken).ConfigureAwait(false);
            return (link, null);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>Writes the whole feed (deleted images left out), newest first, one page in memory at a time.</summary>
    public async Task WriteAsync(string feedId, ExportFormat format, DateTimeOffset exportedAt, Stream output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(format);
        IExportWriter writer = format == ExportFormat.Csv ? new CsvExportWriter(output) : new JsonExportWriter(output);
        await using (writer.ConfigureAwait(false))
        {
            await writer.BeginAsync(feedId, exportedAt, cancellationToken).ConfigureAwait(false);
            FeedPosition? after = null;
            do
            {
                var page = await feeds.ListAsync(feedId, PageSize, after, cancellationToken).ConfigureAwait(false);
                foreach (var image in page.Images)
                {
                    await writer.WriteAsync(image, cancellationToken).ConfigureAwait(false);
                }
                after = page.Next;
            }
            while (after is not null);
            await writer.EndAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
