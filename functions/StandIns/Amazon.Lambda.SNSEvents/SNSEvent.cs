using System.Diagnostics.CodeAnalysis;

namespace Amazon.Lambda.SNSEvents;

/// <summary>An SNS notification as SNS delivers it to a Lambda subscription, as Amazon.Lambda.SNSEvents 2.x defines it.</summary>
public class SNSEvent
{
    public IList<SNSRecord>? Records { get; set; }

    /// <summary>One message; SNS sends one per invocation.</summary>
    public class SNSRecord
    {
        public string? EventSource { get; set; }

        public string? EventSubscriptionArn { get; set; }

        public string? EventVersion { get; set; }

        public SNSMessage? Sns { get; set; }
    }

    public class SNSMessage
    {
        public string? Message { get; set; }

        public IDictionary<string, MessageAttribute>? MessageAttributes { get; set; }

        public string? MessageId { get; set; }

        public string? Signature { get; set; }

        public string? SignatureVersion { get; set; }

        public string? SigningCertUrl { get; set; }

        public string? Subject { get; set; }

        public DateTime Timestamp { get; set; }

        public string? TopicArn { get; set; }

        public string? Type { get; set; }

        public string? UnsubscribeUrl { get; set; }
    }

    [SuppressMessage("Naming", "CA1711:Identifiers should not have incorrect suffix", Justification = "The package's type name.")]
    public class MessageAttribute
    {
        public string? Type { get; set; }

        public string? Value { get; set; }
    }
}
