using System.Net;
using Amazon.Runtime;

namespace Amazon.Rekognition.Model;

/// <summary>The requested resource isn't ready, e.g. a model version still training.</summary>
public class ResourceNotReadyException : AmazonRekognitionException
{
    public ResourceNotReadyException()
    {
    }

    public ResourceNotReadyException(string message)
        : base(message)
    {
    }

    public ResourceNotReadyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ResourceNotReadyException(Exception innerException)
        : base(innerException)
    {
    }

    public ResourceNotReadyException(string message, ErrorType errorType, string? errorCode, string? requestId, HttpStatusCode statusCode)
        : base(message, errorType, errorCode, requestId, statusCode)
    {
    }

    public ResourceNotReadyException(string message, Exception? innerException, ErrorType errorType, string? errorCode, string? requestId, HttpStatusCode statusCode)
        : base(message, innerException, errorType, errorCode, requestId, statusCode)
    {
    }
}
