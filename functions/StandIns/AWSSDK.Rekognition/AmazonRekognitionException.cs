using System.Net;
using Amazon.Runtime;

namespace Amazon.Rekognition;

/// <summary>The base of every error Amazon Rekognition answers; an error code this stand-in has no type for arrives as this type.</summary>
public class AmazonRekognitionException : AmazonServiceException
{
    public AmazonRekognitionException()
    {
    }

    public AmazonRekognitionException(string message)
        : base(message)
    {
    }

    public AmazonRekognitionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public AmazonRekognitionException(Exception innerException)
        : base(innerException)
    {
    }

    public AmazonRekognitionException(string message, ErrorType errorType, string? errorCode, string? requestId, HttpStatusCode statusCode)
        : base(message, errorType, errorCode, requestId, statusCode)
    {
    }

    public AmazonRekognitionException(string message, Exception? innerException, ErrorType errorType, string? errorCode, string? requestId, HttpStatusCode statusCode)
        : base(message, innerException, errorType, errorCode, requestId, statusCode)
    {
    }
}
