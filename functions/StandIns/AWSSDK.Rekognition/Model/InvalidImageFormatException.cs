using System.Net;
using Amazon.Runtime;

namespace Amazon.Rekognition.Model;

/// <summary>The provided image format is not supported.</summary>
public class InvalidImageFormatException : AmazonRekognitionException
{
    public InvalidImageFormatException()
    {
    }

    public InvalidImageFormatException(string message)
        : base(message)
    {
    }

    public InvalidImageFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public InvalidImageFormatException(Exception innerException)
        : base(innerException)
    {
    }

    public InvalidImageFormatException(string message, ErrorType errorType, string? errorCode, string? requestId, HttpStatusCode statusCode)
        : base(message, errorType, errorCode, requestId, statusCode)
    {
    }

    public InvalidImageFormatException(string message, Exception? innerException, ErrorType errorType, string? errorCode, string? requestId, HttpStatusCode statusCode)
        : base(message, innerException, errorType, errorCode, requestId, statusCode)
    {
    }
}
