using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading.Channels;

namespace ImageLabelsLive.LocalAws.Tests.SimpleNotificationService;

/// <summary>One email as an SMTP server received it: the envelope and the raw message.</summary>
internal sealed record ReceivedEmail(string MailFrom, IReadOnlyList<string> Recipients, string Raw)
{
    private string HeaderBlock => Raw[..Math.Max(0, Raw.IndexOf("\r\n\r\n", StringComparison.Ordinal))];

    /// <summary>A header's unfolded value, or null.</summary>
    public string? Header(string name)
    {
        var unfolded = HeaderBlock.Replace("\r\n ", " ", StringComparison.Ordinal).Replace("\r\n\t", " ", StringComparison.Ordinal);
        return unfolded.Split("\r\n")
            .Where(line => line.StartsWith(name + ":", StringComparison.OrdinalIgnoreCase))
            .Select(line => line[(name.Length + 1)..].Trim())
            .FirstOrDefault();
    }

    /// <summary>The body, decoded from quoted-printable or base64 as its Content-Transfer-Encoding says.</summary>
    public string Body
    {
        get
        {
            var body = Raw[(Raw.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..];
            return Header("Content-Transfer-Encoding")?.ToLowerInvariant() switch
            {
                "quoted-printable" => DecodeQuotedPrintable(body),
                "base64" => Encoding.UTF8.GetString(Convert.FromBase64String(body.Replace("\r\n", "", StringComparison.Ordinal))),
                _ => body,
            };
        }
    }

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

    private static string DecodeQuotedPrintable(string text)
    {
        var joined = text.Replace("=\r\n", "", StringComparison.Ordinal);
        var bytes = new List<byte>();
        for (var i = 0; i < joined.Length; i++)
        {
            if (joined[i] == '=' && i + 2 < joined.Length)
            {
                bytes.Add(Convert.ToByte(joined.Substring(i + 1, 2), 16));
                i += 2;
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(joined[i].ToString()));
            }
        }
        return Encoding.UTF8.GetString([.. bytes]);
    }
}

/// <summary>Just enough of an SMTP server (RFC 5321's EHLO, MAIL, RCPT, DATA, RSET, NOOP, QUIT) to capture what is sent.</summary>
internal sealed class FakeSmtpServer : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stopping = new();
    private readonly Channel<ReceivedEmail> received = Channel.CreateUnbounded<ReceivedEmail>();
    private readonly Task acceptLoop;

    public FakeSmtpServer()
    {
        listener.Start();
        acceptLoop = AcceptAsync();
    }

    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

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

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        listener.Stop();
        try
        {
            await acceptLoop;
        }
        catch (OperationCanceledException)
        {
        }
        catch (SocketException)
        {
        }
        stopping.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            var client = await listener.AcceptTcpClientAsync(stopping.Token);
            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            var stream = client.GetStream();
            using var reader = new StreamReader(stream, Encoding.UTF8);
            await using var writer = new StreamWriter(stream, new UTF8Encoding(false)) { NewLine = "\r\n", AutoFlush = true };
            await writer.WriteLineAsync("220 fake-smtp ESMTP");
            string? from = null;
            var recipients = new List<string>();
            while (await reader.ReadLineAsync(stopping.Token) is { } line)
            {
                var verb = line.Split(' ', 2)[0].ToUpperInvariant();
                switch (verb)
                {
                    case "EHLO":
                    case "HELO":
                        await writer.WriteLineAsync("250 fake-smtp");
                        break;
                    case "MAIL":
                        from = Address(line);
                        recipients.Clear();
                        await writer.WriteLineAsync("250 OK");
                        break;
                    case "RCPT":
                        recipients.Add(Address(line));
                        await writer.WriteLineAsync("250 OK");
                        break;
                    case "DATA":
                        await writer.WriteLineAsync("354 End data with <CR><LF>.<CR><LF>");
                        var data = new StringBuilder();
                        while (await reader.ReadLineAsync(stopping.Token) is { } dataLine && dataLine != ".")
                        {
                            data.Append(dataLine.StartsWith("..", StringComparison.Ordinal) ? dataLine[1..] : dataLine).Append("\r\n");
                        }
                        await received.Writer.WriteAsync(new ReceivedEmail(from ?? "", [.. recipients], data.ToString()));
                        await writer.WriteLineAsync("250 OK queued");
                        break;
                    case "RSET":
                    case "NOOP":
                        await writer.WriteLineAsync("250 OK");
                        break;
                    case "QUIT":
                        await writer.WriteLineAsync("221 Bye");
                        return;
                    default:
                        await writer.WriteLineAsync("502 Command not implemented");
                        break;
                }
            }
        }
    }

    private static string Address(string line)
    {
        var start = line.IndexOf('<', StringComparison.Ordinal);
        var end = line.IndexOf('>', StringComparison.Ordinal);
        return start >= 0 && end > start ? line[(start + 1)..end] : line;
    }
}
