using System.Globalization;
using System.Net.Mail;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using ImageLabelsLive.LocalAws.Signing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ImageLabelsLive.LocalAws.SimpleNotificationService;

/// <summary>
/// The local SNS over the Query protocol (API version 2010-03-31): Publish, delivered to each confirmed subscription
/// whose filter policy matches the message's attributes; Subscribe, ConfirmSubscription, Unsubscribe,
/// ListSubscriptionsByTopic and ListSubscriptions; ListTopics and GetTopicAttributes. The links in its emails are
/// GETs of this endpoint that a person follows: unsigned GETs of ConfirmSubscription and Unsubscribe answer a short
/// page. Requests signed with the local key are verified; others are accepted.
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
    private readonly SnsSubscriptionActions subscriptions;
    private readonly TimeProvider time;

    private readonly SnsLambdaDelivery lambdas;

    internal LocalSnsService(LocalSnsOptions options, TimeProvider time, ILogger<LocalSnsService> logger, SnsLambdaDelivery? lambdas = null, IEnumerable<ISnsProtocol>? protocols = null)
    {
        this.options = options;
        this.logger = logger;
        this.time = time;
        this.lambdas = lambdas ?? new SnsLambdaDelivery([], null, logger);
        sender = new SnsEmailSender(options);
        verifier = new SigV4Verifier(options.Credentials, time, options.AllowedClockSkew);
        topics = new HashSet<string>(options.TopicArns.Concat(this.lambdas.TopicArns), StringComparer.Ordinal);
        var byName = (protocols ?? [new SnsEmailProtocol(sender)]).ToDictionary(protocol => protocol.Name, StringComparer.Ordinal);
        // One set of topics for every action: the configured ones and those only a Lambda subscribes to (push-shards).
        subscriptions = new SnsSubscriptionActions(topics, new SnsSubscriptionStore(options, time), byName, this.lambdas.Listed(), logger);
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
            var endpoint = EndpointOf(context.Request);
            if (IsFollowedLink(context.Request, wire, action))
            {
                await AnswerLinkAsync(response, action!, parameters, endpoint, context.RequestAborted).ConfigureAwait(false);
                return;
            }
            var document = action switch
            {
                null or "" => throw new SnsErrorException(SnsError.MissingAction()),
                "Publish" => await PublishAsync(SnsPublishRequest.Parse(parameters), endpoint, requestId, context.RequestAborted).ConfigureAwait(false),
                "ListTopics" => SnsXml.ListTopics(topics, requestId),
                "GetTopicAttributes" => TopicAttributes(parameters, requestId),
                "Subscribe" => await subscriptions.SubscribeAsync(parameters, endpoint, requestId, context.RequestAborted).ConfigureAwait(false),
                "ConfirmSubscription" => SnsSubscriptionXml.ConfirmSubscription(subscriptions.Confirm(parameters).SubscriptionArn, requestId),
                "Unsubscribe" => Unsubscribed(parameters, requestId),
                "ListSubscriptionsByTopic" => subscriptions.ListSubscriptionsByTopic(parameters, requestId),
                "ListSubscriptions" => subscriptions.ListSubscriptions(parameters, requestId),
                _ => throw new SnsErrorException(SnsError.InvalidAction(action)),
            };
            await WriteAsync(response, StatusCodes.Status200OK, document, context.RequestAborted).ConfigureAwait(false);
        }
        catch (SnsErrorException refused)
        {
            logger.LogInformation("SNS {Action}: {Status} {Code}: {Message}", action ?? "(no action)", refused.Error.Status, refused.Error.Code, refused.Error.Message);
            await WriteAsync(response, refused.Error.Status, SnsErrorXml.ToXml(refused.Error, requestId), context.RequestAborted).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// GetTopicAttributes: the topic's ARN, owner and subscription counts (Lambda subscriptions count as confirmed), and
    /// an empty display name. The local topics have no access policy or delivery policy to report.
    /// </summary>
    private byte[] TopicAttributes(IReadOnlyList<KeyValuePair<string, string>> parameters, string requestId)
    {
        var topicArn = parameters.LastOrDefault(p => p.Key == "TopicArn").Value;
        if (string.IsNullOrEmpty(topicArn))
        {
            throw new SnsErrorException(SnsError.InvalidParameter("Invalid parameter: TopicArn"));
        }
        if (!topics.Contains(topicArn))
        {
            throw new SnsErrorException(SnsError.NotFound("Topic does not exist"));
        }
        var (confirmed, pending) = subscriptions.CountFor(topicArn);
        return SnsXml.TopicAttributes(
            [
                new("TopicArn", topicArn),
                new("Owner", topicArn.Split(':')[4]),
                new("DisplayName", string.Empty),
                new("SubscriptionsConfirmed", (confirmed + lambdas.CountFor(topicArn)).ToString(CultureInfo.InvariantCulture)),
                new("SubscriptionsPending", pending.ToString(CultureInfo.InvariantCulture)),
                new("SubscriptionsDeleted", "0"),
            ],
            requestId);
    }

    private async Task<byte[]> PublishAsync(SnsPublishRequest publish, Uri endpoint, string requestId, CancellationToken cancellationToken)
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
        var recipients = subscriptions.Recipients(publish).ToArray();
        try
        {
            foreach (var (subscription, protocol) in recipients)
            {
                var delivery = new SnsDelivery(publish, messageId, time.GetUtcNow(), SnsLinks.Unsubscribe(endpoint, subscription));
                await protocol.DeliverAsync(subscription, delivery, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (SmtpException failure)
        {
            logger.LogError("SNS Publish to {Topic}: email via SMTP {Host}:{Port} failed: {Error}",
                publish.TopicArn, options.SmtpHost, options.SmtpPort, failure.InnerException?.Message ?? failure.Message);
            throw new SnsErrorException(SnsError.InternalError("The message could not be delivered to the topic's subscribers; try again."));
        }
        logger.LogInformation("SNS Publish to {Topic}: \"{Subject}\" delivered to {Recipients} (MessageId {MessageId})",
            publish.TopicArn, publish.Subject ?? options.DefaultSubject,
            recipients.Length == 0 ? "no matching subscription" : string.Join(", ", recipients.Select(r => r.Subscription.Protocol + ":" + r.Subscription.Endpoint)), messageId);
        return SnsXml.Publish(messageId, requestId);
    }

    private byte[] Unsubscribed(IReadOnlyList<KeyValuePair<string, string>> parameters, string requestId)
    {
        subscriptions.Unsubscribe(parameters);
        return SnsSubscriptionXml.Unsubscribe(requestId);
    }

    /// <summary>A person following an email's link: a GET of ConfirmSubscription or Unsubscribe with no signature.</summary>
    private static bool IsFollowedLink(HttpRequest request, SigV4Request wire, string? action) =>
        HttpMethods.IsGet(request.Method) && action is "ConfirmSubscription" or "Unsubscribe"
        && wire.Header("authorization") is null && !request.Query.ContainsKey("X-Amz-Signature");

    private async Task AnswerLinkAsync(HttpResponse response, string action, IReadOnlyList<KeyValuePair<string, string>> parameters, Uri endpoint, CancellationToken cancellationToken)
    {
        byte[] page;
        var status = StatusCodes.Status200OK;
        try
        {
            if (action == "ConfirmSubscription")
            {
                var subscription = subscriptions.Confirm(parameters);
                page = SnsLinkPages.Confirmed(subscription, SnsLinks.Unsubscribe(endpoint, subscription));
            }
            else
            {
                page = SnsLinkPages.Unsubscribed(subscriptions.Unsubscribe(parameters));
            }
        }
        catch (SnsErrorException refused)
        {
            status = refused.Error.Status;
            page = SnsLinkPages.Failed(refused.Error);
        }
        response.StatusCode = status;
        response.ContentType = "text/html; charset=utf-8";
        response.ContentLength = page.Length;
        await response.Body.WriteAsync(page, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>This endpoint's own URL as the caller reached it, for the links in emails.</summary>
    private static Uri EndpointOf(HttpRequest request) =>
        new($"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}");

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
