using System.Net;
using Amazon.Runtime;

namespace Amazon.Rekognition.Model;

/// <summary>The input image size exceeds the allowed limit.</summary>
public class ImageTooLargeException : AmazonRekognitionException
{
    public ImageTooLargeException()
    {
    }

    public ImageTooLargeException(string message)
        : base(message)
    {
    }

    public ImageTooLargeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ImageTooLargeException(Exception innerException)
        : base(innerException)
    {
    }

    public ImageTooLargeException(string message, ErrorType errorType, string? errorCode, string? requestId, HttpStatusCode statusCode)
        : base(message, errorType, errorCode, requestId, statusCode)
    {
    }

    public ImageTooLargeException(string message, Exception? innerException, ErrorType errorType, string? errorCode, string? requestId, HttpStatusCode statusCode)
        : base(message, innerException, errorType, errorCode, requestId, statusCode)
    {
    }
}
