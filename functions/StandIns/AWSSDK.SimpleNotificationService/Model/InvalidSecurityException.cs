using System.Net;
using Amazon.Runtime;

namespace Amazon.SimpleNotificationService.Model;

/// <summary>The request was not signed with SigV4 over HTTPS (wire code InvalidSecurity).</summary>
public class InvalidSecurityException : AmazonSimpleNotificationServiceException
{
    public InvalidSecurityException()
    {
    }

    public InvalidSecurityException(string message)
        : base(message)
    {
    }

    public InvalidSecurityException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public InvalidSecurityException(Exception innerException)
        : base(innerException)
    {
    }

    public InvalidSecurityException(string message, ErrorType errorType, string? errorCode, string? requestId, HttpStatusCode statusCode)
        : base(message, errorType, errorCode, requestId, statusCode)
    {
    }

    public InvalidSecurityException(string message, Exception? innerException, ErrorType errorType, string? errorCode, string? requestId, HttpStatusCode statusCode)
        : base(message, innerException, errorType, errorCode, requestId, statusCode)
    {
    }
}
