using Amazon.Runtime;

namespace Amazon.SimpleNotificationService;

/// <summary>The base of every SNS request; in AWSSDK.SimpleNotificationService it lives in the service's namespace, not in Model.</summary>
public class AmazonSimpleNotificationServiceRequest : AmazonWebServiceRequest;
