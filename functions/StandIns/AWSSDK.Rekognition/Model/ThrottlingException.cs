using System.Net;
using Amazon.Runtime;

namespace Amazon.Rekognition.Model;

/// <summary>Amazon Rekognition is temporarily unable to process the request; try again.</summary>
public class ThrottlingException : AmazonRekognitionException
{
    public ThrottlingException()
    {
    }

    public ThrottlingException(string message)
        : base(message)
    {
    }

    public ThrottlingException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ThrottlingException(Exception innerException)
        : base(innerException)
    {
    }

    public ThrottlingException(string message, ErrorType errorType, string? errorCode, string? requestId, HttpStatusCode statusCode)
        : base(message, errorType, errorCode, requestId, statusCode)
    {
    }

    public ThrottlingException(string message, Exception? innerException, ErrorType errorType, string? errorCode, string? requestId, HttpStatusCode statusCode)
        : base(message, innerException, errorType, errorCode, requestId, statusCode)
    {
    }
}
