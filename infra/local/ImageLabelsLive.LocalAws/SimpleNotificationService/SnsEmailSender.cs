using System.Net.Mail;
using System.Net.Mime;
using System.Text;

namespace ImageLabelsLive.LocalAws.SimpleNotificationService;

/// <summary>
/// The emails SNS sends, worded as SNS words them, over SMTP: a notification (the SNS subject, or the default, as its
/// subject; the message as its body, then SNS's unsubscribe footer; message id, topic and attributes as X-SNS-* headers)
/// and the subscription confirmation request with its link.
/// </summary>
internal sealed class SnsEmailSender(LocalSnsOptions options)
{
    public const string ConfirmationSubject = "AWS Notification - Subscription Confirmation";

    /// <exception cref="SmtpException">The SMTP server refused or could not be reached.</exception>
    public async Task SendAsync(MailMessage email, CancellationToken cancellationToken)
    {
        using var client = new SmtpClient(options.SmtpHost, options.SmtpPort)
        {
            DeliveryMethod = SmtpDeliveryMethod.Network,
            EnableSsl = false,
            UseDefaultCredentials = false,
            Timeout = (int)options.SmtpTimeout.TotalMilliseconds,
        };
        await client.SendMailAsync(email, cancellationToken).ConfigureAwait(false);
    }

    internal MailMessage Compose(SnsPublishRequest publish, string messageId, string recipient, Uri? unsubscribeUrl = null)
    {
        var body = new StringBuilder(publish.Message);
        if (unsubscribeUrl is not null)
        {
            // SNS's footer under every email notification.
            body.Append("\n\n--\nIf you wish to stop receiving notifications from this topic, please click or visit the link below to unsubscribe:\n")
                .Append(unsubscribeUrl)
                .Append("\n\nPlease do not reply directly to this email. If you have any questions or comments regarding this email, please contact us at https://aws.amazon.com/support\n");
        }
        var email = PlainText(recipient, publish.Subject ?? options.DefaultSubject, body.ToString());
        email.Headers.Add("X-SNS-MessageId", messageId);
        email.Headers.Add("X-SNS-TopicArn", publish.TopicArn);
        foreach (var attribute in publish.MessageAttributes)
        {
            email.Headers.Add("X-SNS-Attribute-" + attribute.Name, HeaderSafe(attribute.Value));
        }
        return email;
    }

    /// <summary>SNS's confirmation request for the email protocol; nothing else reaches the address until it is followed.</summary>
    internal MailMessage ComposeConfirmation(SnsSubscription subscription, Uri confirmationUrl)
    {
        var body = new StringBuilder()
            .Append("You have chosen to subscribe to the topic:\n")
            .Append(subscription.TopicArn).Append("\n\n")
            .Append("To confirm this subscription, click or visit the link below (If this was in error no action is necessary):\n")
            .Append("Confirm subscription: ").Append(confirmationUrl).Append("\n\n")
            .Append("Please do not reply directly to this email. If you wish to remove yourself from receiving all future SNS subscription confirmation requests please send an email to sns-opt-out\n");
        var email = PlainText(subscription.Endpoint, ConfirmationSubject, body.ToString());
        email.Headers.Add("X-SNS-TopicArn", subscription.TopicArn);
        return email;
    }

    private MailMessage PlainText(string recipient, string subject, string body) => new(new MailAddress(options.From), new MailAddress(recipient))
    {
        Subject = subject,
        Body = body,
        IsBodyHtml = false,
        BodyEncoding = Encoding.UTF8,
        SubjectEncoding = Encoding.UTF8,
        HeadersEncoding = Encoding.UTF8,
        // Readable in a raw mailbox view, and safe for any line length.
        BodyTransferEncoding = TransferEncoding.QuotedPrintable,
    };

    /// <summary>Attribute values may hold line breaks; a header value must not.</summary>
    private static string HeaderSafe(string value) =>
        string.Concat(value.Select(c => char.IsControl(c) ? ' ' : c));
}
