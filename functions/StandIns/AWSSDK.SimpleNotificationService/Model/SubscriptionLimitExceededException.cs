using System.Net;
using Amazon.Runtime;

namespace Amazon.SimpleNotificationService.Model;

/// <summary>The account already owns the maximum allowed number of subscriptions (wire code SubscriptionLimitExceeded).</summary>
public class SubscriptionLimitExceededException : AmazonSimpleNotificationServiceException
{
    public SubscriptionLimitExceededException()
    {
    }

    public SubscriptionLimitExceededException(string message)
        : base(message)
    {
    }

    public SubscriptionLimitExceededException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public SubscriptionLimitExceededException(Exception innerException)
        : base(innerException)
    {
    }

    public SubscriptionLimitExceededException(string message, ErrorType errorType, string? errorCode, string? requestId, HttpStatusCode statusCode)
        : base(message, errorType, errorCode, requestId, statusCode)
    {
    }

    public SubscriptionLimitExceededException(string message, Exception? innerException, ErrorType errorType, string? errorCode, string? requestId, HttpStatusCode statusCode)
        : base(message, innerException, errorType, errorCode, requestId, statusCode)
    {
    }
}
