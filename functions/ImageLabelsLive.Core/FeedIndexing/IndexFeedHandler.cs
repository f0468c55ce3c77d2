using ImageLabelsLive.Core.FeedLabels;
using ImageLabelsLive.Core.Images;
using ImageLabelsLive.Core.Ports;

namespace ImageLabelsLive.Core.FeedIndexing;

/// <summary>
/// Keeps the feed index (label members and counts, image count, SHA-256 lookup, change log) in step with the Images
/// table, from its stream. It reconciles to the record as it is now rather than applying the stream record's delta,
/// so a duplicated, retried or replayed record converges to the same state instead of counting twice or bringing a
/// deleted image back.
/// </summary>
public sealed class IndexFeedHandler(IImageStore images, IFeedIndex index)
{
    public async Task HandleAsync(ImageRecord? oldImage, ImageRecord? newImage, CancellationToken cancellationToken)
    {
        var seen = newImage ?? oldImage;
        if (seen is null)
        {
            return;
        }
        var current = await images.GetAsync(seen.ImageId, cancellationToken).ConfigureAwait(false);
        var feedId = seen.FeedId;
        var member = new FeedPosition(seen.CreatedAt, seen.ImageId);

        // Every label either side of the change may need adding or removing; what the record carries now decides.
        var wanted = current is { Status: ImageStatus.Labeled } ? current.Labels : [];
        var candidates = (oldImage?.Labels ?? []).Concat(newImage?.Labels ?? []).Concat(wanted)
            .GroupBy(label => LabelNames.Normalize(label.Name), StringComparer.Ordinal)
            .Select(group => group.First().Name);
        var wantedNames = wanted.Select(label => LabelNames.Normalize(label.Name)).ToHashSet(StringComparer.Ordinal);
        foreach (var name in candidates)
        {
            await index.SetMembershipAsync(feedId, FeedSet.Label(name), member, wantedNames.Contains(LabelNames.Normalize(name)), cancellationToken).ConfigureAwait(false);
        }

        var exists = current is not null && current.Status != ImageStatus.Deleted;
        await index.SetMembershipAsync(feedId, FeedSet.Images, member, exists, cancellationToken).ConfigureAwait(false);

        // A failed or deleted upload is no reason to refuse the same bytes again.
        foreach (var sha256 in new[] { oldImage?.Sha256, newImage?.Sha256 }.OfType<string>().Distinct(StringComparer.Ordinal))
        {
            var keep = exists && current!.Sha256 == sha256 && current.Status != ImageStatus.Failed;
            await index.SetMembershipAsync(feedId, FeedSet.Sha256(sha256), member, keep, cancellationToken).ConfigureAwait(false);
        }

        var superseded = new[] { oldImage?.UpdatedAt, newImage?.UpdatedAt }.OfType<DateTimeOffset>()
            .Where(at => at != current?.UpdatedAt)
            .Distinct()
            .ToArray();
        var latest = current is null ? null : new FeedPosition(current.UpdatedAt, current.ImageId);
        await index.RecordChangeAsync(feedId, seen.ImageId, latest, superseded, cancellationToken).ConfigureAwait(false);

        // Last: the counts now hold this change (and, reconciled to the current record, any older one of this image).
        var changedAt = new[] { seen.UpdatedAt, current?.UpdatedAt ?? seen.UpdatedAt }.Max();
        await index.MarkIndexedThroughAsync(feedId, changedAt, cancellationToken).ConfigureAwait(false);
    }
}
