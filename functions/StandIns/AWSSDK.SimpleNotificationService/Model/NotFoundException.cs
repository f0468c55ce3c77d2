using System.Net;
using Amazon.Runtime;

namespace Amazon.SimpleNotificationService.Model;

/// <summary>The requested resource (e.g. the topic) does not exist (wire code NotFound).</summary>
public class NotFoundException : AmazonSimpleNotificationServiceException
{
    public NotFoundException()
    {
    }

    public NotFoundException(string message)
        : base(message)
    {
    }

    public NotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public NotFoundException(Exception innerException)
        : base(innerException)
    {
    }

    public NotFoundException(string message, ErrorType errorType, string? errorCode, string? requestId, HttpStatusCode statusCode)
        : base(message, errorType, errorCode, requestId, statusCode)
    {
    }

    public NotFoundException(string message, Exception? innerException, ErrorType errorType, string? errorCode, string? requestId, HttpStatusCode statusCode)
        : base(message, innerException, errorType, errorCode, requestId, statusCode)
    {
    }
}
