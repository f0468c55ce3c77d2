using System.Globalization;
using ImageLabelsLive.Core.FeedHistory;
using ImageLabelsLive.Core.FeedLabels;
using ImageLabelsLive.Core.Images;
using ImageLabelsLive.Core.Ports;
using ImageLabelsLive.Core.Web;

namespace ImageLabelsLive.Core.Feeds;

/// <summary>
/// GET /feeds/{feedId}/images: the whole feed page by page, newest first; or only images carrying every given label;
/// or, with changedSince, every record changed since then (deleted ones included), for a tab catching up.
/// </summary>
public sealed class ListFeedImagesHandler(IFeedQueries feeds, ImageLinks? links = null)
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 100;
    public const int MaxLabels = 10;

    public async Task<(ImageListResponse? Page, ImageError? Error)> HandleAsync(ListFeedImagesQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (!FeedId.IsValid(query.FeedId))
        {
            return (null, FeedId.InvalidError);
        }
        var feedId = query.FeedId!;
        var count = DefaultLimit;
        if (query.Limit is not null && (!int.TryParse(query.Limit, NumberStyles.None, CultureInfo.InvariantCulture, out count) || count is < 1 or > MaxLimit))
        {
            return (null, new ImageError("InvalidLimit", $"limit is a whole number from 1 to {MaxLimit}."));
        }
        if (ValidateLabels(query.Labels) is { } labelError)
        {
            return (null, labelError);
        }
        var labels = query.Labels.Select(LabelNames.Normalize).Distinct(StringComparer.Ordinal).ToArray();
        DateTimeOffset? since = null;
        if (query.ChangedSince is not null)
        {
            if (labels.Length > 0)
            {
                return (null, new ImageError("InvalidRequest", "changedSince lists every change of the feed; it cannot be combined with label. Send one or the other."));
            }
            if (!TryParseTime(query.ChangedSince, out var parsed))
            {
                return (null, new ImageError("InvalidChangedSince", "changedSince is a time in ISO 8601, such as 2026-11-21T09:30:00.000Z (the updatedAt of the newest record a tab has seen)."));
            }
            since = parsed;
        }

        var scope = FeedCursor.Scope(feedId, labels, since);
        FeedPosition? after = null;
        if (query.Cursor is not null)
        {
            var (position, cursorError) = FeedCursor.Decode(query.Cursor, scope);
            if (cursorError is not null)
            {
                return (null, cursorError);
            }
            after = position;
        }

        var page = since is { } changedSince ? await feeds.ListChangedAsync(feedId, changedSince, count, after, cancellationToken).ConfigureAwait(false)
            : labels.Length == 0 ? await feeds.ListAsync(feedId, count, after, cancellationToken).ConfigureAwait(false)
            : await ListWithLabelsAsync(feedId, labels, count, after, cancellationToken).ConfigureAwait(false);
        var linked = page.Images.Select((links ?? ImageLinks.None).WithLink).ToArray();
        return (new ImageListResponse(linked, page.Next is null ? null : FeedCursor.Encode(scope, page.Next)), null);
    }

    /// <summary>True when the record carries every one of the normalized labels.</summary>
    public static bool CarriesAll(ImageRecord record, IReadOnlyCollection<string> normalizedLabels)
    {
        ArgumentNullException.ThrowIfNull(record);
        var carried = record.Labels.Select(label => LabelNames.Normalize(label.Name)).ToHashSet(StringComparer.Ordinal);
        return record.Status == ImageStatus.Labeled && normalizedLabels.All(carried.Contains);
    }

    private async Task<FeedPage> ListWithLabelsAsync(string feedId, string[] labels, int count, FeedPosition? after, CancellationToken cancellationToken)
    {
        var driver = labels[0];
        if (labels.Length > 1)
        {
            // AND: walk the rarest label's members and check the others on each record; a label no image carries ends it.
            var counts = (await feeds.CountLabelsAsync(feedId, cancellationToken).ConfigureAwait(false)).Labels
                .ToDictionary(label => LabelNames.Normalize(label.Name), label => label.Count, StringComparer.Ordinal);
            if (labels.Any(label => counts.GetValueOrDefault(label) <= 0))
            {
                return new FeedPage([], null);
            }
            driver = labels.MinBy(label => counts[label])!;
        }
        return await feeds.ListWithLabelAsync(feedId, driver, count, after, record => CarriesAll(record, labels), cancellationToken).ConfigureAwait(false);
    }

    private static ImageError? ValidateLabels(IReadOnlyList<string> labels)
    {
        if (labels.Count > MaxLabels)
        {
            return new ImageError("TooManyLabels", $"Filter by at most {MaxLabels} labels at once; {labels.Count} were given.");
        }
        foreach (var label in labels)
        {
            if (string.IsNullOrWhiteSpace(label))
            {
                return new ImageError("InvalidLabel", "A label= parameter is empty; give a label name such as label=Dog.");
            }
            if (label.Length > LabelNames.MaxLength)
            {
                return new ImageError("InvalidLabel", $"A label name is at most {LabelNames.MaxLength} characters; one given has {label.Length}.");
            }
        }
        return null;
    }

    private static bool TryParseTime(string text, out DateTimeOffset time) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out time)
        && text.Length >= 10 && char.IsAsciiDigit(text[0]);
}
