using System.Net;
using Amazon.Runtime;

namespace Amazon.SimpleNotificationService.Model;

/// <summary>The caller does not have access to the resource (wire code AuthorizationError).</summary>
public class AuthorizationErrorException : AmazonSimpleNotificationServiceException
{
    public AuthorizationErrorException()
    {
    }

    public AuthorizationErrorException(string message)
        : base(message)
    {
    }

    public AuthorizationErrorException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public AuthorizationErrorException(Exception innerException)
        : base(innerException)
    {
    }

    public AuthorizationErrorException(string message, ErrorType errorType, string? errorCode, string? requestId, HttpStatusCode statusCode)
        : base(message, errorType, errorCode, requestId, statusCode)
    {
    }

    public AuthorizationErrorException(string message, Exception? innerException, ErrorType errorType, string? errorCode, string? requestId, HttpStatusCode statusCode)
        : base(message, innerException, errorType, errorCode, requestId, statusCode)
    {
    }
}
