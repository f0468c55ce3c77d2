using System.Globalization;
using System.Net.Mail;
using Microsoft.Extensions.Logging;

namespace ImageLabelsLive.LocalAws.SimpleNotificationService;

/// <summary>
/// Subscribe, ConfirmSubscription, Unsubscribe, ListSubscriptionsByTopic and ListSubscriptions, as SNS documents them. SNS keeps one
/// subscription per topic, protocol and endpoint: subscribing again with the same attributes answers the same
/// subscription (re-sending a pending one's confirmation), with other attributes it is refused.
/// </summary>
internal sealed class SnsSubscriptionActions(
    IReadOnlySet<string> topics,
    SnsSubscriptionStore store,
    IReadOnlyDictionary<string, ISnsProtocol> protocols,
    IReadOnlyList<SnsSubscription> deployed,
    ILogger logger)
{
    public const string PendingConfirmation = "pending confirmation";

    /// <summary>ListSubscriptionsByTopic and ListSubscriptions answer at most 100 a page.</summary>
    private const int PageSize = 100;

    private static readonly HashSet<string> KnownAttributes = new(StringComparer.Ordinal)
    {
        "DeliveryPolicy", "FilterPolicy", "FilterPolicyScope", "RawMessageDelivery", "RedrivePolicy", "SubscriptionRoleArn", "ReplayPolicy",
    };

    public async Task<byte[]> SubscribeAsync(IReadOnlyList<KeyValuePair<string, string>> parameters, Uri endpoint, string requestId, CancellationToken cancellationToken)
    {
        var topicArn = RequireTopic(parameters);
        var protocolName = Get(parameters, "Protocol");
        if (string.IsNullOrEmpty(protocolName))
        {
            throw new SnsErrorException(SnsError.InvalidParameter("Invalid parameter: Protocol"));
        }
        if (!protocols.TryGetValue(protocolName, out var protocol))
        {
            throw new SnsErrorException(SnsError.InvalidParameter($"Invalid parameter: Amazon SNS does not support this protocol string: {protocolName}"));
        }
        var target = Get(parameters, "Endpoint") ?? "";
        if (protocol.ValidateEndpoint(target) is { } invalid)
        {
            throw new SnsErrorException(SnsError.InvalidParameter(invalid));
        }
        var attributes = ReadAttributes(parameters);
        attributes.TryGetValue("FilterPolicy", out var filterPolicy);
        filterPolicy = string.IsNullOrWhiteSpace(filterPolicy) ? null : filterPolicy;
        if (filterPolicy is not null)
        {
            SnsFilterPolicy.Parse(filterPolicy);
        }
        var returnArn = string.Equals(Get(parameters, "ReturnSubscriptionArn"), "true", StringComparison.OrdinalIgnoreCase);

        var existing = store.Find(topicArn, protocolName, target);
        if (existing is not null && !SamePolicy(existing.FilterPolicy, filterPolicy))
        {
            throw new SnsErrorException(SnsError.InvalidParameter("Invalid parameter: Attributes Reason: Subscription already exists with different attributes"));
        }
        var subscription = existing ?? store.Add(topicArn, protocolName, target, filterPolicy, confirmed: !protocol.RequiresConfirmation);
        if (!subscription.Confirmed)
        {
            try
            {
                await protocol.SendConfirmationAsync(subscription, SnsLinks.Confirmation(endpoint, subscription), cancellationToken).ConfigureAwait(false);
            }
            catch (SmtpException failure)
            {
                logger.LogError("SNS Subscribe: the confirmation to {Endpoint} could not be sent: {Error}", target, failure.InnerException?.Message ?? failure.Message);
                throw new SnsErrorException(SnsError.InternalError("The confirmation request could not be sent; try again."));
            }
            logger.LogInformation("SNS Subscribe {Protocol}:{Endpoint} to {Topic}: confirmation sent", protocolName, target, topicArn);
        }
        var answer = subscription.Confirmed || returnArn ? subscription.SubscriptionArn : PendingConfirmation;
        return SnsSubscriptionXml.Subscribe(answer, requestId);
    }

    /// <exception cref="SnsErrorException">The topic or token is unknown, or the token has expired.</exception>
    public SnsSubscription Confirm(IReadOnlyList<KeyValuePair<string, string>> parameters)
    {
        var topicArn = RequireTopic(parameters);
        var token = Get(parameters, "Token");
        if (string.IsNullOrEmpty(token))
        {
            throw new SnsErrorException(SnsError.InvalidParameter("Invalid parameter: Token"));
        }
        var subscription = store.Confirm(topicArn, token)
            ?? throw new SnsErrorException(SnsError.InvalidParameter("Invalid parameter: Token"));
        logger.LogInformation("SNS ConfirmSubscription {Protocol}:{Endpoint} to {Topic}", subscription.Protocol, subscription.Endpoint, topicArn);
        return subscription;
    }

    /// <summary>Deletes the subscription. Unsubscribing twice succeeds, so a link followed twice says the same.</summary>
    public string Unsubscribe(IReadOnlyList<KeyValuePair<string, string>> parameters)
    {
        var arn = Get(parameters, "SubscriptionArn");
        var parts = arn?.Split(':');
        if (arn is null || parts!.Length != 7 || parts[0] != "arn" || parts[2] != "sns")
        {
            throw new SnsErrorException(SnsError.InvalidParameter("Invalid parameter: SubscriptionArn"));
        }
        if (store.Remove(arn))
        {
            logger.LogInformation("SNS Unsubscribe {SubscriptionArn}", arn);
        }
        return arn;
    }

    /// <summary>ListSubscriptionsByTopic: the topic's deploy-time Lambda subscriptions, then those made through Subscribe.</summary>
    public byte[] ListSubscriptionsByTopic(IReadOnlyList<KeyValuePair<string, string>> parameters, string requestId)
    {
        var topicArn = RequireTopic(parameters);
        return ListPage("ListSubscriptionsByTopic", [.. deployed.Where(subscription => subscription.TopicArn == topicArn), .. store.ForTopic(topicArn)], parameters, requestId);
    }

    /// <summary>ListSubscriptions: every topic's subscriptions, paged as ListSubscriptionsByTopic is.</summary>
    public byte[] ListSubscriptions(IReadOnlyList<KeyValuePair<string, string>> parameters, string requestId) =>
        ListPage("ListSubscriptions", [.. deployed, .. store.All()], parameters, requestId);

    private static byte[] ListPage(string action, IReadOnlyList<SnsSubscription> all, IReadOnlyList<KeyValuePair<string, string>> parameters, string requestId)
    {
        var start = 0;
        if (Get(parameters, "NextToken") is { Length: > 0 } token
            && (!int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out start) || start < 0))
        {
            throw new SnsErrorException(SnsError.InvalidParameter("Invalid parameter: NextToken"));
        }
        var page = all.Skip(start).Take(PageSize).ToArray();
        var next = start + PageSize < all.Count ? (start + PageSize).ToString(CultureInfo.InvariantCulture) : null;
        return SnsSubscriptionXml.ListSubscriptions(action, page, next, requestId);
    }

    /// <summary>The topic's confirmed and pending subscriptions, for GetTopicAttributes.</summary>
    public (int Confirmed, int Pending) CountFor(string topicArn)
    {
        var all = store.ForTopic(topicArn);
        var confirmed = all.Count(s => s.Confirmed);
        return (confirmed, all.Count - confirmed);
    }

    /// <summary>The confirmed subscriptions of the topic whose filter policy (if any) matches the message's attributes.</summary>
    public IEnumerable<(SnsSubscription Subscription, ISnsProtocol Protocol)> Recipients(SnsPublishRequest publish) =>
        store.ForTopic(publish.TopicArn)
            .Where(s => s.Confirmed && (s.FilterPolicy is null || SnsFilterPolicy.Parse(s.FilterPolicy).Matches(publish.MessageAttributes)))
            .Where(s => protocols.ContainsKey(s.Protocol))
            .Select(s => (s, protocols[s.Protocol]));

    private string RequireTopic(IReadOnlyList<KeyValuePair<string, string>> parameters)
    {
        var topicArn = Get(parameters, "TopicArn");
        if (string.IsNullOrEmpty(topicArn))
        {
            throw new SnsErrorException(SnsError.InvalidParameter("Invalid parameter: TopicArn"));
        }
        return topics.Contains(topicArn)
            ? topicArn
            : throw new SnsErrorException(SnsError.NotFound("Topic does not exist"));
    }

    /// <summary>Attributes.entry.N.key / Attributes.entry.N.value.</summary>
    private static Dictionary<string, string> ReadAttributes(IReadOnlyList<KeyValuePair<string, string>> parameters)
    {
        const string prefix = "Attributes.entry.";
        var entries = new SortedDictionary<int, (string? Key, string? Value)>();
        foreach (var (name, value) in parameters)
        {
            if (!name.StartsWith(prefix, StringComparison.Ordinal))
            {
                continue;
            }
            var rest = name[prefix.Length..].Split('.');
            if (rest.Length != 2 || !int.TryParse(rest[0], NumberStyles.None, CultureInfo.InvariantCulture, out var index) || rest[1] is not ("key" or "value"))
            {
                throw new SnsErrorException(SnsError.InvalidParameter($"Invalid parameter: {name}"));
            }
            var entry = entries.GetValueOrDefault(index);
            entries[index] = rest[1] == "key" ? (value, entry.Value) : (entry.Key, value);
        }
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in entries.Values)
        {
            if (key is null || !KnownAttributes.Contains(key))
            {
                throw new SnsErrorException(SnsError.InvalidParameter("Invalid parameter: AttributeName"));
            }
            if (key == "FilterPolicyScope" && value != "MessageAttributes")
            {
                throw new SnsErrorException(SnsError.InvalidParameter("Invalid parameter: FilterPolicyScope: this local SNS filters on MessageAttributes only"));
            }
            attributes[key] = value ?? "";
        }
        return attributes;
    }

    // SNS compares the policies themselves; whitespace and key order do not make them differ.
    private static bool SamePolicy(string? a, string? b) =>
        a is null || b is null ? a == b : Canonical(a) == Canonical(b);

    private static string Canonical(string json)
    {
        using var document = System.Text.Json.JsonDocument.Parse(json);
        return string.Join(",", document.RootElement.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal).Select(p => p.Name + "=" + p.Value.GetRawText().Replace(" ", "", StringComparison.Ordinal)));
    }

    private static string? Get(IReadOnlyList<KeyValuePair<string, string>> parameters, string name) =>
        parameters.LastOrDefault(p => p.Key == name).Value;
}
