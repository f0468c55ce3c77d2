using System.Net.Mail;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using ImageLabelsLive.LocalAws.Signing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ImageLabelsLive.LocalAws.SimpleNotificationService;

/// <summary>
/// The local SNS over the Query protocol (API version 2010-03-31): Publish, delivered as email over SMTP to the
/// configured recipients, and ListTopics. Requests signed with the local key are verified; others are accepted.
/// </summary>
public sealed class LocalSnsService
{
    /// <summary>Room for a 256 KiB message percent-encoded, plus its other parameters.</summary>
    private const int MaxBodyBytes = 1024 * 1024;

    private readonly LocalSnsOptions options;
    private readonly SnsEmailSender sender;
    private readonly SigV4Verifier verifier;
    private readonly ILogger logger;
    private readonly HashSet<string> topics;

    private readonly SnsLambdaDelivery lambdas;
    private readonly TimeProvider time;

    internal LocalSnsService(LocalSnsOptions options, TimeProvider time, ILogger<LocalSnsService> logger, SnsLambdaDelivery? lambdas = null)
    {
        this.options = options;
        this.logger = logger;
        this.time = time;
        this.lambdas = lambdas ?? new SnsLambdaDelivery([], null, logger);
        sender = new SnsEmailSender(options);
        verifier = new SigV4Verifier(options.Credentials, time, options.AllowedClockSkew);
        topics = new HashSet<string>(options.TopicArns.Concat(this.lambdas.TopicArns), StringComparer.Ordinal);
    }

    /// <summary>True when the SMTP server accepts a connection.</summary>
    public async Task<bool> IsHealthyAsync(CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(2));
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(options.SmtpHost, options.SmtpPort, timeout.Token).ConfigureAwait(false);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>Answers one Query-protocol request (POST form body, or GET query string).</summary>
    public async Task HandleAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var requestId = Guid.NewGuid().ToString();
        var response = context.Response;
        response.Headers["x-amzn-RequestId"] = requestId;
        string? action = null;
        try
        {
            var body = await ReadBodyAsync(context.Request, context.RequestAborted).ConfigureAwait(false);
            var wire = SigV4Request.FromHttpRequest(context.Request);
            Authenticate(wire, body);
            var parameters = new List<KeyValuePair<string, string>>(wire.QueryParameters);
            if (body.Length > 0)
            {
                parameters.AddRange(SigV4Request.ParseUrlEncoded(Encoding.UTF8.GetString(body)));
            }
            action = parameters.LastOrDefault(p => p.Key == "Action").Value;
            var document = action switch
            {
                null or "" => throw new SnsErrorException(SnsError.MissingAction()),
                "Publish" => await PublishAsync(SnsPublishRequest.Parse(parameters), requestId, context.RequestAborted).ConfigureAwait(false),
                "ListTopics" => SnsXml.ListTopics(topics, requestId),
                _ => throw new SnsErrorException(SnsError.InvalidAction(action)),
            };
            await WriteAsync(response, StatusCodes.Status200OK, document, context.RequestAborted).ConfigureAwait(false);
        }
        catch (SnsErrorException refused)
        {
            logger.LogInformation("SNS {Action}: {Status} {Code}: {Message}", action ?? "(no action)", refused.Error.Status, refused.Error.Code, refused.Error.Message);
            await WriteAsync(response, refused.Error.Status, refused.Error.ToXml(requestId), context.RequestAborted).ConfigureAwait(false);
        }
    }

    private async Task<byte[]> PublishAsync(SnsPublishRequest publish, string requestId, CancellationToken cancellationToken)
    {
        if (!topics.Contains(publish.TopicArn))
        {
            throw new SnsErrorException(SnsError.NotFound("Topic does not exist"));
        }
        var messageId = Guid.NewGuid().ToString();
        if (lambdas.HasSubscribers(publish.TopicArn))
        {
            lambdas.Deliver(publish, messageId, time.GetUtcNow());
            logger.LogDebug("SNS Publish to {Topic}: delivered to its Lambda subscriptions (MessageId {MessageId})", publish.TopicArn, messageId);
            return SnsXml.Publish(messageId, requestId);
        }
        try
        {
            await sender.SendAsync(publish, messageId, cancellationToken).ConfigureAwait(false);
        }
        catch (SmtpException failure)
        {
            logger.LogError("SNS Publish to {Topic}: email via SMTP {Host}:{Port} failed: {Error}",
                publish.TopicArn, options.SmtpHost, options.SmtpPort, failure.InnerException?.Message ?? failure.Message);
            throw new SnsErrorException(SnsError.InternalError("The message could not be delivered to the topic's subscribers; try again."));
        }
        logger.LogInformation("SNS Publish to {Topic}: \"{Subject}\" emailed to {Recipients} (MessageId {MessageId})",
            publish.TopicArn, publish.Subject ?? options.DefaultSubject, string.Join(", ", options.Recipients), messageId);
        return SnsXml.Publish(messageId, requestId);
    }

    /// <summary>Verifies a signature made with the local key; other keys and unsigned calls are taken on trust.</summary>
    private void Authenticate(SigV4Request wire, byte[] body)
    {
        var parsed = SigV4Authorization.Parse(wire);
        if (parsed.Error is not null)
        {
            throw new SnsErrorException(SnsError.IncompleteSignature(parsed.Error));
        }
        if (parsed.Authorization is not { } authorization || !verifier.IsLocalKey(authorization))
        {
            return;
        }
        var payloadHash = wire.Header("x-amz-content-sha256") ?? Convert.ToHexStringLower(SHA256.HashData(body));
        var verification = verifier.Verify(wire, authorization, payloadHash, SigV4PathCanonicalization.Normalized);
        if (!verification.IsValid)
        {
            throw new SnsErrorException(SnsError.SignatureDoesNotMatch(verification.Message));
        }
    }

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            throw new SnsErrorException(SnsError.InvalidParameter("Invalid parameter: Message too long"));
        }
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                throw new SnsErrorException(SnsError.InvalidParameter("Invalid parameter: Message too long"));
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    private static async Task WriteAsync(HttpResponse response, int status, byte[] document, CancellationToken cancellationToken)
    {
        response.StatusCode = status;
        response.ContentType = "text/xml";
        response.ContentLength = document.Length;
        await response.Body.WriteAsync(document, cancellationToken).ConfigureAwait(false);
    }
}
