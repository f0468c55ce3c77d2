using System.Net;
using Amazon.Runtime;

namespace Amazon.SimpleNotificationService.Model;

/// <summary>The request rate exceeded the account's limit (wire code Throttled).</summary>
public class ThrottledException : AmazonSimpleNotificationServiceException
{
    public ThrottledException()
    {
    }

    public ThrottledException(string message)
        : base(message)
    {
    }

    public ThrottledException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ThrottledException(Exception innerException)
        : base(innerException)
    {
    }

    public ThrottledException(string message, ErrorType errorType, string? errorCode, string? requestId, HttpStatusCode statusCode)
        : base(message, errorType, errorCode, requestId, statusCode)
    {
    }

    public ThrottledException(string message, Exception? innerException, ErrorType errorType, string? errorCode, string? requestId, HttpStatusCode statusCode)
        : base(message, innerException, errorType, errorCode, requestId, statusCode)
    {
    }
}
