using ImageLabelsLive.Core.Images;
using ImageLabelsLive.Core.Ports;

namespace ImageLabelsLive.Core.Feeds;

/// <summary>GET /feeds/{feedId}/images: the feed's recent records, newest first, for a new or reconnecting tab.</summary>
public sealed class ListFeedImagesHandler(IImageStore images, ImageLinks? links = null)
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 100;

    public async Task<(IReadOnlyList<ImageRecord>? Images, ImageError? Error)> HandleAsync(string? feedId, string? limit, CancellationToken cancellationToken)
    {
        if (!FeedId.IsValid(feedId))
        {
            return (null, FeedId.InvalidError);
        }
        var count = DefaultLimit;
        if (limit is not null && (!int.TryParse(limit, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out count) || count is < 1 or > MaxLimit))
        {
            return (null, new ImageError("InvalidLimit", $"limit is a whole number from 1 to {MaxLimit}."));
        }
        var list = await images.ListByFeedAsync(feedId!, count, cancellationToken).ConfigureAwait(false);
        return (list.Select((links ?? ImageLinks.None).WithLink).ToArray(), null);
    }
}
