using System.Net.Mail;

namespace ImageLabelsLive.LocalAws.SimpleNotificationService;

/// <summary>The email protocol: the endpoint is an address, confirmed by following the link SNS emails to it.</summary>
internal sealed class SnsEmailProtocol(SnsEmailSender sender) : ISnsProtocol
{
    public string Name => "email";

    public bool RequiresConfirmation => true;

    public string? ValidateEndpoint(string endpoint) =>
        MailAddress.TryCreate(endpoint, out var address) && address.Address == endpoint && address.Host.Contains('.', StringComparison.Ordinal)
            ? null
            : "Invalid parameter: Email address";

    public async Task SendConfirmationAsync(SnsSubscription subscription, Uri confirmationUrl, CancellationToken cancellationToken)
    {
        using var email = sender.ComposeConfirmation(subscription, confirmationUrl);
        await sender.SendAsync(email, cancellationToken).ConfigureAwait(false);
    }

    public async Task DeliverAsync(SnsSubscription subscription, SnsDelivery delivery, CancellationToken cancellationToken)
    {
        using var email = sender.Compose(delivery.Message, delivery.MessageId, subscription.Endpoint, delivery.UnsubscribeUrl);
        await sender.SendAsync(email, cancellationToken).ConfigureAwait(false);
    }
}
