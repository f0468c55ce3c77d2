using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ImageLabelsLive.LocalAws.Lambda;
using Microsoft.Extensions.Logging;

namespace ImageLabelsLive.LocalAws.SimpleNotificationService;

/// <summary>A Lambda-protocol subscription made at deploy time: every message published to the topic invokes the function.</summary>
public sealed record SnsLambdaSubscription(string TopicArn, string FunctionName)
{
    /// <summary>
    /// The topic's ARN and a GUID, as SNS names a subscription; derived from the topic and the function, so it stays the
    /// same across restarts as a deployed subscription's does (events carry it as EventSubscriptionArn).
    /// </summary>
    public string SubscriptionArn =>
        TopicArn + ":" + new Guid(SHA256.HashData(Encoding.UTF8.GetBytes(TopicArn + "|" + FunctionName)).AsSpan(0, 16)).ToString();

    /// <summary>The subscription's endpoint: the function's ARN, in the topic's region and account.</summary>
    public string FunctionArn
    {
        get
        {
            var parts = TopicArn.Split(':');
            return $"arn:aws:lambda:{parts[3]}:{parts[4]}:function:{FunctionName}";
        }
    }
}

/// <summary>
/// Delivers published messages to Lambda subscriptions as SNS does: one SNS event (Records[0].Sns) per message and
/// subscription, invoked asynchronously, so Publish answers without waiting for the function. A function that fails is
/// invoked again twice, as Lambda retries an asynchronous invocation (here after 1 s and 2 s, not 1 and 2 minutes), and
/// then the message is logged as given up on. The local SNS has no signing certificate, so events carry no Signature.
/// </summary>
internal sealed class SnsLambdaDelivery(IReadOnlyList<SnsLambdaSubscription> subscriptions, ILambdaInvoker? invoker, ILogger logger)
{
    private const int Retries = 2;

    private readonly Dictionary<string, SnsLambdaSubscription[]> byTopic = subscriptions
        .GroupBy(subscription => subscription.TopicArn, StringComparer.Ordinal)
        .ToDictionary(group => group.Key, group => group.ToArray(), StringComparer.Ordinal);

    public IEnumerable<string> TopicArns => byTopic.Keys;

    public bool HasSubscribers(string topicArn) => byTopic.ContainsKey(topicArn);

    /// <summary>How many functions the topic delivers to; they are confirmed from the start, as Lambda subscriptions are.</summary>
    public int CountFor(string topicArn) => byTopic.TryGetValue(topicArn, out var functions) ? functions.Length : 0;

    /// <summary>The subscriptions as ListSubscriptions shows them: protocol "lambda", the function's ARN, confirmed.</summary>
    public IReadOnlyList<SnsSubscription> Listed() =>
    [
        .. subscriptions.Select(subscription => new SnsSubscription
        {
            SubscriptionArn = subscription.SubscriptionArn,
            TopicArn = subscription.TopicArn,
            Protocol = "lambda",
            Endpoint = subscription.FunctionArn,
            Owner = subscription.TopicArn.Split(':')[4],
            Confirmed = true,
            CreatedAt = DateTimeOffset.UnixEpoch,
        }),
    ];

    /// <summary>Starts one invocation per subscription of the message's topic and returns at once.</summary>
    public void Deliver(SnsPublishRequest message, string messageId, DateTimeOffset timestamp)
    {
        if (!byTopic.TryGetValue(message.TopicArn, out var targets))
        {
            return;
        }
        var lambda = invoker ?? throw new InvalidOperationException("A Lambda subscription needs an ILambdaInvoker registered.");
        foreach (var subscription in targets)
        {
            var payload = EventJson(message, messageId, timestamp, subscription.SubscriptionArn);
            _ = Task.Run(() => InvokeWithRetriesAsync(lambda, subscription, messageId, payload));
        }
    }

    private async Task InvokeWithRetriesAsync(ILambdaInvoker lambda, SnsLambdaSubscription subscription, string messageId, byte[] payload)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await lambda.InvokeAsync(subscription.FunctionName, payload, CancellationToken.None).ConfigureAwait(false);
                return;
            }
            catch (Exception failure) when (attempt < Retries)
            {
                logger.LogWarning("SNS → {Function} (MessageId {MessageId}) failed, retrying: {Error}", subscription.FunctionName, messageId, failure.Message);
                await Task.Delay(TimeSpan.FromSeconds(attempt + 1)).ConfigureAwait(false);
            }
            catch (Exception failure)
            {
                logger.LogError(failure, "SNS → {Function} (MessageId {MessageId}) failed {Attempts} times; given up", subscription.FunctionName, messageId, Retries + 1);
                return;
            }
        }
    }

    /// <summary>The event SNS sends a Lambda subscription, as in aws-lambda-dotnet's SNS sample event.</summary>
    internal static byte[] EventJson(SnsPublishRequest message, string messageId, DateTimeOffset timestamp, string subscriptionArn)
    {
        using var output = new MemoryStream();
        using (var json = new Utf8JsonWriter(output))
        {
            json.WriteStartObject();
            json.WriteStartArray("Records");
            json.WriteStartObject();
            json.WriteString("EventVersion", "1.0");
            json.WriteString("EventSubscriptionArn", subscriptionArn);
            json.WriteString("EventSource", "aws:sns");
            json.WriteStartObject("Sns");
            json.WriteString("SignatureVersion", "1");
            json.WriteString("Timestamp", timestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
            json.WriteString("MessageId", messageId);
            json.WriteString("Message", message.Message);
            json.WriteStartObject("MessageAttributes");
            foreach (var attribute in message.MessageAttributes)
            {
                json.WriteStartObject(attribute.Name);
                json.WriteString("Type", attribute.DataType);
                json.WriteString("Value", attribute.Value);
                json.WriteEndObject();
            }
            json.WriteEndObject();
            json.WriteString("Type", "Notification");
            json.WriteString("TopicArn", message.TopicArn);
            if (message.Subject is not null)
            {
                json.WriteString("Subject", message.Subject);
            }
            else
            {
                json.WriteNull("Subject");
            }
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return output.ToArray();
    }
}
