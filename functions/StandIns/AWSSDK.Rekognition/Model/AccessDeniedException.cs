using System.Net;
using Amazon.Runtime;

namespace Amazon.Rekognition.Model;

/// <summary>You are not authorized to perform the action.</summary>
public class AccessDeniedException : AmazonRekognitionException
{
    public AccessDeniedException()
    {
    }

    public AccessDeniedException(string message)
        : base(message)
    {
    }

    public AccessDeniedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public AccessDeniedException(Exception innerException)
        : base(innerException)
    {
    }

    public AccessDeniedException(string message, ErrorType errorType, string? errorCode, string? requestId, HttpStatusCode statusCode)
        : base(message, errorType, errorCode, requestId, statusCode)
    {
    }

    public AccessDeniedException(string message, Exception? innerException, ErrorType errorType, string? errorCode, string? requestId, HttpStatusCode statusCode)
        : base(message, innerException, errorType, errorCode, requestId, statusCode)
    {
    }
}
