using ImageLabelsLive.Core.Images;
using ImageLabelsLive.Core.Ports;

namespace ImageLabelsLive.Core.Notifications;

public enum NotifyOutcome
{
    /// <summary>The change was not a move into labeled or failed.</summary>
    NotATransition,
    /// <summary>An earlier delivery of the same change already sent the email.</summary>
    AlreadySent,
    Sent,
}

/// <summary>
/// Emails an image's result once, when its status moves into labeled or failed. The claim on the
/// record makes repeated stream deliveries send one email; a failed send releases it for the retry.
/// </summary>
public sealed class NotifyResultHandler(IImageStore images, INotificationPublisher publisher, Uri siteUrl, TimeProvider clock)
{
    public static bool IsResultTransition(ImageRecord? oldImage, ImageRecord newImage) =>
        newImage.Status.IsFinal() && (oldImage is null || !oldImage.Status.IsFinal());

    public async Task<NotifyOutcome> HandleAsync(ImageRecord? oldImage, ImageRecord newImage, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(newImage);
        if (!IsResultTransition(oldImage, newImage))
        {
            return NotifyOutcome.NotATransition;
        }
        if (!await images.TryClaimNotificationAsync(newImage.ImageId, clock.GetUtcNow(), cancellationToken).ConfigureAwait(false))
        {
            if (await images.IsNotificationSentAsync(newImage.ImageId, cancellationToken).ConfigureAwait(false))
            {
                return NotifyOutcome.AlreadySent;
            }
            // Claimed but not sent: another delivery is sending, or one died mid-send and its lease has not run out.
            // Failing makes the stream retry; once the lease expires the retry claims and sends.
            throw new NotificationInProgressException(newImage.ImageId);
        }
        try
        {
            await publisher.PublishAsync(ResultEmail.Compose(newImage, siteUrl), cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await images.ReleaseNotificationAsync(newImage.ImageId, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
        await images.MarkNotificationSentAsync(newImage.ImageId, clock.GetUtcNow(), CancellationToken.None).ConfigureAwait(false);
        return NotifyOutcome.Sent;
    }
}

/// <summary>The result email is claimed by a delivery that has not finished (or died); retry after the claim's lease.</summary>
public sealed class NotificationInProgressException(string imageId)
    : Exception($"The result email of {imageId} is claimed but not sent yet; retrying once the claim's lease runs out.");
