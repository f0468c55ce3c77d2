using System.Net;
using Amazon.Runtime;

namespace Amazon.SimpleNotificationService.Model;

/// <summary>Amazon SNS had an internal error (wire code InternalError).</summary>
public class InternalErrorException : AmazonSimpleNotificationServiceException
{
    public InternalErrorException()
    {
    }

    public InternalErrorException(string message)
        : base(message)
    {
    }

    public InternalErrorException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public InternalErrorException(Exception innerException)
        : base(innerException)
    {
    }

    public InternalErrorException(string message, ErrorType errorType, string? errorCode, string? requestId, HttpStatusCode statusCode)
        : base(message, errorType, errorCode, requestId, statusCode)
    {
    }

    public InternalErrorException(string message, Exception? innerException, ErrorType errorType, string? errorCode, string? requestId, HttpStatusCode statusCode)
        : base(message, innerException, errorType, errorCode, requestId, statusCode)
    {
    }
}
