using Amazon.SimpleNotificationService;
namespace Amazon.SimpleNotificationService.Model;

/// <summary>Subscribe: an endpoint (e.g. an email address) to a topic, with attributes such as FilterPolicy.</summary>
public class SubscribeRequest : AmazonSimpleNotificationServiceRequest
{
    public SubscribeRequest()
    {
    }

    public SubscribeRequest(string topicArn, string protocol, string endpoint)
    {
        TopicArn = topicArn;
        Protocol = protocol;
        Endpoint = endpoint;
    }

    public string? TopicArn { get; set; }

    /// <summary>email, email-json, http, https, sqs, lambda, sms, application or firehose.</summary>
    public string? Protocol { get; set; }

    public string? Endpoint { get; set; }

    /// <summary>DeliveryPolicy, FilterPolicy, FilterPolicyScope, RawMessageDelivery, RedrivePolicy, SubscriptionRoleArn, ReplayPolicy.</summary>
    public Dictionary<string, string>? Attributes { get; set; }

    /// <summary>When true the answer carries the ARN even while the subscription waits for confirmation.</summary>
    public bool? ReturnSubscriptionArn { get; set; }
}

/// <summary>The subscription's ARN once confirmed, else "pending confirmation" (unless ReturnSubscriptionArn was true).</summary>
public class SubscribeResponse : Amazon.Runtime.AmazonWebServiceResponse
{
    public string? SubscriptionArn { get; set; }
}
