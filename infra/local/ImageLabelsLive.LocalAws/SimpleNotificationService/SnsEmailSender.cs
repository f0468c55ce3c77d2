using System.Net.Mail;
using System.Net.Sockets;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using MimeKit.Text;
using SmtpClient = MailKit.Net.Smtp.SmtpClient;

namespace ImageLabelsLive.LocalAws.SimpleNotificationService;

/// <summary>
/// The emails SNS sends, worded as SNS words them, over SMTP (MailKit): a notification (the SNS subject, or the default,
/// as its subject; the message as its body, then SNS's unsubscribe footer; message id, topic and attributes as X-SNS-*
/// headers) and the subscription confirmation request with its link.
/// </summary>
internal sealed class SnsEmailSender(LocalSnsOptions options)
{
    public const string ConfirmationSubject = "AWS Notification - Subscription Confirmation";

    /// <summary>Sends one email over plain SMTP, within <see cref="LocalSnsOptions.SmtpTimeout"/>.</summary>
    /// <exception cref="SmtpException">The SMTP server refused, could not be reached or did not answer in time (the cause is the inner exception).</exception>
    public async Task SendAsync(MimeMessage email, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.SmtpTimeout);
        using var client = new SmtpClient { Timeout = (int)options.SmtpTimeout.TotalMilliseconds };
        try
        {
            await client.ConnectAsync(options.SmtpHost, options.SmtpPort, SecureSocketOptions.None, timeout.Token).ConfigureAwait(false);
            await client.SendAsync(email, timeout.Token).ConfigureAwait(false);
            await client.DisconnectAsync(quit: true, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException failure) when (!cancellationToken.IsCancellationRequested)
        {
            throw new SmtpException($"The SMTP server {options.SmtpHost}:{options.SmtpPort} did not answer within {options.SmtpTimeout.TotalSeconds} s.", failure);
        }
        catch (Exception failure) when (failure is SmtpCommandException or SmtpProtocolException or MailKit.ServiceNotConnectedException or IOException or SocketException or TimeoutException)
        {
            throw new SmtpException($"Sending through the SMTP server {options.SmtpHost}:{options.SmtpPort} failed.", failure);
        }
    }

    internal MimeMessage Compose(SnsPublishRequest publish, string messageId, string recipient, Uri? unsubscribeUrl = null)
    {
        var body = new System.Text.StringBuilder(publish.Message);
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
    internal MimeMessage ComposeConfirmation(SnsSubscription subscription, Uri confirmationUrl)
    {
        var body = new System.Text.StringBuilder()
            .Append("You have chosen to subscribe to the topic:\n")
            .Append(subscription.TopicArn).Append("\n\n")
            .Append("To confirm this subscription, click or visit the link below (If this was in error no action is necessary):\n")
            .Append("Confirm subscription: ").Append(confirmationUrl).Append("\n\n")
            .Append("Please do not reply directly to this email. If you wish to remove yourself from receiving all future SNS subscription confirmation requests please send an email to sns-opt-out\n");
        var email = PlainText(subscription.Endpoint, ConfirmationSubject, body.ToString());
        email.Headers.Add("X-SNS-TopicArn", subscription.TopicArn);
        return email;
    }

    private MimeMessage PlainText(string recipient, string subject, string body)
    {
        var email = new MimeMessage { Subject = subject };
        email.From.Add(MailboxAddress.Parse(options.From));
        email.To.Add(MailboxAddress.Parse(recipient));
        // Readable in a raw mailbox view, and safe for any line length.
        var text = new TextPart(TextFormat.Plain) { ContentTransferEncoding = ContentEncoding.QuotedPrintable };
        text.SetText(System.Text.Encoding.UTF8, body);
        email.Body = text;
        return email;
    }

    /// <summary>Attribute values may hold line breaks; a header value must not.</summary>
    private static string HeaderSafe(string value) =>
        string.Concat(value.Select(c => char.IsControl(c) ? ' ' : c));
}
