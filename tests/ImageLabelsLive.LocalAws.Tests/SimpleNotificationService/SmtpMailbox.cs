using System.Threading.Channels;
using MimeKit;
using netDumbster.smtp;

namespace ImageLabelsLive.LocalAws.Tests.SimpleNotificationService;

/// <summary>One email as the SMTP server received it: the envelope and the message, parsed by MimeKit.</summary>
internal sealed record ReceivedEmail(string MailFrom, IReadOnlyList<string> Recipients, MimeMessage Mime)
{
    /// <summary>A header's unfolded value, or null.</summary>
    public string? Header(string name) => Mime.Headers[name];

    /// <summary>The body, decoded as its Content-Transfer-Encoding says.</summary>
    public string Body => Mime.TextBody ?? "";

    /// <summary>The published message: the body above SNS's unsubscribe footer, line ends as "\n", trailing space trimmed.</summary>
    public string Message
    {
        get
        {
            var body = Body.ReplaceLineEndings("\n");
            var footer = body.IndexOf("\n\n--\nIf you wish to stop receiving notifications", StringComparison.Ordinal);
            return (footer < 0 ? body : body[..footer]).TrimEnd();
        }
    }

    /// <summary>The unsubscribe link in SNS's footer, or null.</summary>
    public string? UnsubscribeLink =>
        Body.ReplaceLineEndings("\n").Split('\n').FirstOrDefault(line => line.Contains("Action=Unsubscribe", StringComparison.Ordinal))?.Trim();
}

/// <summary>A fake SMTP server (netDumbster) on a free loopback port, its emails taken in the order they arrived.</summary>
internal sealed class SmtpMailbox : IDisposable
{
    private readonly SimpleSmtpServer server = SimpleSmtpServer.Start();
    private readonly Channel<ReceivedEmail> received = Channel.CreateUnbounded<ReceivedEmail>();

    public SmtpMailbox()
    {
        server.MessageReceived += (_, arrived) => received.Writer.TryWrite(Parse(arrived.Message));
    }

    public int Port => server.Configuration.Port;

    /// <summary>The next email received, waiting up to 10 seconds for it.</summary>
    public async Task<ReceivedEmail> NextAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        return await received.Reader.ReadAsync(timeout.Token);
    }

    /// <summary>Emails received so far and not yet taken.</summary>
    public List<ReceivedEmail> Drain()
    {
        var emails = new List<ReceivedEmail>();
        while (received.Reader.TryRead(out var email))
        {
            emails.Add(email);
        }
        return emails;
    }

    public void Dispose() => server.Dispose();

    private static ReceivedEmail Parse(SmtpMessage message)
    {
        using var raw = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(message.Data));
        return new ReceivedEmail(message.FromAddress.Address, [.. message.ToAddresses.Select(to => to.Address)], MimeMessage.Load(raw));
    }
}
