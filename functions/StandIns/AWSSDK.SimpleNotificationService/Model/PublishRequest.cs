using Amazon.Runtime;
using Amazon.SimpleNotificationService;

namespace Amazon.SimpleNotificationService.Model;

/// <summary>Publish: a message to a topic (or one endpoint or phone number), with an optional subject and attributes.</summary>
public class PublishRequest : AmazonSimpleNotificationServiceRequest
{
    public PublishRequest()
    {
    }

    public PublishRequest(string topicArn, string message)
    {
        TopicArn = topicArn;
        Message = message;
    }

    public PublishRequest(string topicArn, string message, string subject)
    {
        TopicArn = topicArn;
        Message = message;
        Subject = subject;
    }

    public string? TopicArn { get; set; }

    public string? TargetArn { get; set; }

    public string? PhoneNumber { get; set; }

    public string? Message { get; set; }

    /// <summary>The email subject: ASCII, at most 100 characters, no line breaks.</summary>
    public string? Subject { get; set; }

    public string? MessageStructure { get; set; }

    public Dictionary<string, MessageAttributeValue>? MessageAttributes { get; set; }

    public string? MessageDeduplicationId { get; set; }

    public string? MessageGroupId { get; set; }
}

/// <summary>A message attribute: DataType String, String.Array, Number or Binary, and its value.</summary>
public class MessageAttributeValue
{
    public string? DataType { get; set; }

    public string? StringValue { get; set; }

    /// <summary>The whole stream is sent, whatever its position.</summary>
    public MemoryStream? BinaryValue { get; set; }
}

/// <summary>The id SNS gave the message (and its sequence number on FIFO topics).</summary>
public class PublishResponse : AmazonWebServiceResponse
{
    public string? MessageId { get; set; }

    public string? SequenceNumber { get; set; }
}
