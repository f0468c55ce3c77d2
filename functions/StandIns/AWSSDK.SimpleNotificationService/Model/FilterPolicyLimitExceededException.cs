using System.Net;
using Amazon.Runtime;

namespace Amazon.SimpleNotificationService.Model;

/// <summary>The account has reached its limit of filter policies (wire code FilterPolicyLimitExceeded).</summary>
public class FilterPolicyLimitExceededException : AmazonSimpleNotificationServiceException
{
    public FilterPolicyLimitExceededException()
    {
    }

    public FilterPolicyLimitExceededException(string message)
        : base(message)
    {
    }

    public FilterPolicyLimitExceededException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public FilterPolicyLimitExceededException(Exception innerException)
        : base(innerException)
    {
    }

    public FilterPolicyLimitExceededException(string message, ErrorType errorType, string? errorCode, string? requestId, HttpStatusCode statusCode)
        : base(message, errorType, errorCode, requestId, statusCode)
    {
    }

    public FilterPolicyLimitExceededException(string message, Exception? innerException, ErrorType errorType, string? errorCode, string? requestId, HttpStatusCode statusCode)
        : base(message, innerException, errorType, errorCode, requestId, statusCode)
    {
    }
}
