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
            return NotifyOutcome.AlreadySent;
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
        return NotifyOutcome.Sent;
    }
}
