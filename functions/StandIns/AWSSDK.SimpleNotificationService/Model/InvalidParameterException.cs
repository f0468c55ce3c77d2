using System.Net;
using Amazon.Runtime;

namespace Amazon.SimpleNotificationService.Model;

/// <summary>A request parameter does not comply with the associated constraints (wire code InvalidParameter).</summary>
public class InvalidParameterException : AmazonSimpleNotificationServiceException
{
    public InvalidParameterException()
    {
    }

    public InvalidParameterException(string message)
        : base(message)
    {
    }

    public InvalidParameterException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public InvalidParameterException(Exception innerException)
        : base(innerException)
    {
    }

    public InvalidParameterException(string message, ErrorType errorType, string? errorCode, string? requestId, HttpStatusCode statusCode)
        : base(message, errorType, errorCode, requestId, statusCode)
    {
    }

    public InvalidParameterException(string message, Exception? innerException, ErrorType errorType, string? errorCode, string? requestId, HttpStatusCode statusCode)
        : base(message, innerException, errorType, errorCode, requestId, statusCode)
    {
    }
}
