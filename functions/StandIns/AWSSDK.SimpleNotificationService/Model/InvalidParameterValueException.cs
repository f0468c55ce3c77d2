using System.Net;
using Amazon.Runtime;

namespace Amazon.SimpleNotificationService.Model;

/// <summary>A request parameter value is invalid, e.g. the message is too long (wire code ParameterValueInvalid).</summary>
public class InvalidParameterValueException : AmazonSimpleNotificationServiceException
{
    public InvalidParameterValueException()
    {
    }

    public InvalidParameterValueException(string message)
        : base(message)
    {
    }

    public InvalidParameterValueException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public InvalidParameterValueException(Exception innerException)
        : base(innerException)
    {
    }

    public InvalidParameterValueException(string message, ErrorType errorType, string? errorCode, string? requestId, HttpStatusCode statusCode)
        : base(message, errorType, errorCode, requestId, statusCode)
    {
    }

    public InvalidParameterValueException(string message, Exception? innerException, ErrorType errorType, string? errorCode, string? requestId, HttpStatusCode statusCode)
        : base(message, innerException, errorType, errorCode, requestId, statusCode)
    {
    }
}
