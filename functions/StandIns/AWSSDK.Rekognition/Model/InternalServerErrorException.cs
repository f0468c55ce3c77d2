using System.Net;
using Amazon.Runtime;

namespace Amazon.Rekognition.Model;

/// <summary>Amazon Rekognition experienced a service issue (wire code InternalServerError).</summary>
public class InternalServerErrorException : AmazonRekognitionException
{
    public InternalServerErrorException()
    {
    }

    public InternalServerErrorException(string message)
        : base(message)
    {
    }

    public InternalServerErrorException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public InternalServerErrorException(Exception innerException)
        : base(innerException)
    {
    }

    public InternalServerErrorException(string message, ErrorType errorType, string? errorCode, string? requestId, HttpStatusCode statusCode)
        : base(message, errorType, errorCode, requestId, statusCode)
    {
    }

    public InternalServerErrorException(string message, Exception? innerException, ErrorType errorType, string? errorCode, string? requestId, HttpStatusCode statusCode)
        : base(message, innerException, errorType, errorCode, requestId, statusCode)
    {
    }
}
