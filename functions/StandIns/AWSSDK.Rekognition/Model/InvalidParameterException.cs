using System.Net;
using Amazon.Runtime;

namespace Amazon.Rekognition.Model;

/// <summary>Input parameter violated a constraint, e.g. an image smaller than 80 pixels a side.</summary>
public class InvalidParameterException : AmazonRekognitionException
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
