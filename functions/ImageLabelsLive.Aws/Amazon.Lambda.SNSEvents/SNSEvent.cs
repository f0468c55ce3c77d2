using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;

namespace Amazon.Lambda.SNSEvents;

/// <summary>An SNS notification as SNS delivers it to a Lambda subscription, as Amazon.Lambda.SNSEvents 2.x defines it.</summary>
public class SNSEvent
{
    [JsonPropertyName("Records")]
    public IList<SNSRecord>? Records { get; set; }

    /// <summary>One message; SNS sends one per invocation.</summary>
    public class SNSRecord
    {
        [JsonPropertyName("EventSource")]
        public string? EventSource { get; set; }

        [JsonPropertyName("EventSubscriptionArn")]
        public string? EventSubscriptionArn { get; set; }

        [JsonPropertyName("EventVersion")]
        public string? EventVersion { get; set; }

        [JsonPropertyName("Sns")]
        public SNSMessage? Sns { get; set; }
    }

    public class SNSMessage
    {
        [JsonPropertyName("Message")]
        public string? Message { get; set; }

        [JsonPropertyName("MessageAttributes")]
        public IDictionary<string, MessageAttribute>? MessageAttributes { get; set; }

        [JsonPropertyName("MessageId")]
        public string? MessageId { get; set; }

        [JsonPropertyName("Signature")]
        public string? Signature { get; set; }

        [JsonPropertyName("SignatureVersion")]
        public string? SignatureVersion { get; set; }

        [JsonPropertyName("SigningCertUrl")]
        public string? SigningCertUrl { get; set; }

        [JsonPropertyName("Subject")]
        public string? Subject { get; set; }

        [JsonPropertyName("Timestamp")]
        public DateTime Timestamp { get; set; }

        [JsonPropertyName("TopicArn")]
        public string? TopicArn { get; set; }

        [JsonPropertyName("Type")]
        public string? Type { get; set; }

        [JsonPropertyName("UnsubscribeUrl")]
        public string? UnsubscribeUrl { get; set; }
    }

    [SuppressMessage("Naming", "CA1711:Identifiers should not have incorrect suffix", Justification = "The package's type name.")]
    public class MessageAttribute
    {
        [JsonPropertyName("Type")]
        public string? Type { get; set; }

        [JsonPropertyName("Value")]
        public string? Value { get; set; }
    }
}
