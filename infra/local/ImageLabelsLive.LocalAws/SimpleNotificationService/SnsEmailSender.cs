using System.Net.Mail;
using System.Net.Mime;
using System.Text;

namespace ImageLabelsLive.LocalAws.SimpleNotificationService;

/// <summary>
/// Delivers a published message to the topic's email subscribers over SMTP: one email per recipient, the SNS subject
/// (or the default) as its subject, the message as its body, and the message id, topic and attributes as X-SNS-* headers.
/// </summary>
internal sealed class SnsEmailSender(LocalSnsOptions options)
{
    /// <exception cref="SmtpException">The SMTP server refused or could not be reached.</exception>
    public async Task SendAsync(SnsPublishRequest publish, string messageId, CancellationToken cancellationToken)
    {
        using var client = new SmtpClient(options.SmtpHost, options.SmtpPort)
        {
            DeliveryMethod = SmtpDeliveryMethod.Network,
            EnableSsl = false,
            UseDefaultCredentials = false,
            Timeout = (int)options.SmtpTimeout.TotalMilliseconds,
        };
        foreach (var recipient in options.Recipients)
        {
            using var email = Compose(publish, messageId, recipient);
            await client.SendMailAsync(email, cancellationToken).ConfigureAwait(false);
        }
    }

    internal MailMessage Compose(SnsPublishRequest publish, string messageId, string recipient)
    {
        var email = new MailMessage(new MailAddress(options.From), new MailAddress(recipient))
        {
            Subject = publish.Subject ?? options.DefaultSubject,
            Body = publish.Message,
            IsBodyHtml = false,
            BodyEncoding = Encoding.UTF8,
            SubjectEncoding = Encoding.UTF8,
            HeadersEncoding = Encoding.UTF8,
            // Readable in a raw mailbox view, and safe for any line length.
            BodyTransferEncoding = TransferEncoding.QuotedPrintable,
        };
        email.Headers.Add("X-SNS-MessageId", messageId);
        email.Headers.Add("X-SNS-TopicArn", publish.TopicArn);
        foreach (var attribute in publish.MessageAttributes)
        {
            email.Headers.Add("X-SNS-Attribute-" + attribute.Name, HeaderSafe(attribute.Value));
        }
        return email;
    }

    /// <summary>Attribute values may hold line breaks; a header value must not.</summary>
    private static string HeaderSafe(string value) =>
        string.Concat(value.Select(c => char.IsControl(c) ? ' ' : c));
}
