using System.Net;
using Amazon.Runtime;

namespace Amazon.Rekognition.Model;

/// <summary>The resource specified in the request cannot be found.</summary>
public class ResourceNotFoundException : AmazonRekognitionException
{
    public ResourceNotFoundException()
    {
    }

    public ResourceNotFoundException(string message)
        : base(message)
    {
    }

    public ResourceNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ResourceNotFoundException(Exception innerException)
        : base(innerException)
    {
    }

    public ResourceNotFoundException(string message, ErrorType errorType, string? errorCode, string? requestId, HttpStatusCode statusCode)
        : base(message, errorType, errorCode, requestId, statusCode)
    {
    }

    public ResourceNotFoundException(string message, Exception? innerException, ErrorType errorType, string? errorCode, string? requestId, HttpStatusCode statusCode)
        : base(message, innerException, errorType, errorCode, requestId, statusCode)
    {
    }
}
