using System.Net;
using Amazon.Runtime;

namespace Amazon.SimpleNotificationService;

/// <summary>The base of every error Amazon SNS answers; an error code this stand-in has no type for arrives as this type.</summary>
public class AmazonSimpleNotificationServiceException : AmazonServiceException
{
    public AmazonSimpleNotificationServiceException()
    {
    }

    public AmazonSimpleNotificationServiceException(string message)
        : base(message)
    {
    }

    public AmazonSimpleNotificationServiceException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public AmazonSimpleNotificationServiceException(Exception innerException)
        : base(innerException)
    {
    }

    public AmazonSimpleNotificationServiceException(string message, ErrorType errorType, string? errorCode, string? requestId, HttpStatusCode statusCode)
        : base(message, errorType, errorCode, requestId, statusCode)
    {
    }

    public AmazonSimpleNotificationServiceException(string message, Exception? innerException, ErrorType errorType, string? errorCode, string? requestId, HttpStatusCode statusCode)
        : base(message, innerException, errorType, errorCode, requestId, statusCode)
    {
    }
}
