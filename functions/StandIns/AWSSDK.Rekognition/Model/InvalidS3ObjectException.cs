using System.Net;
using Amazon.Runtime;

namespace Amazon.Rekognition.Model;

/// <summary>Amazon Rekognition is unable to access the S3 object specified in the request.</summary>
public class InvalidS3ObjectException : AmazonRekognitionException
{
    public InvalidS3ObjectException()
    {
    }

    public InvalidS3ObjectException(string message)
        : base(message)
    {
    }

    public InvalidS3ObjectException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public InvalidS3ObjectException(Exception innerException)
        : base(innerException)
    {
    }

    public InvalidS3ObjectException(string message, ErrorType errorType, string? errorCode, string? requestId, HttpStatusCode statusCode)
        : base(message, errorType, errorCode, requestId, statusCode)
    {
    }

    public InvalidS3ObjectException(string message, Exception? innerException, ErrorType errorType, string? errorCode, string? requestId, HttpStatusCode statusCode)
        : base(message, innerException, errorType, errorCode, requestId, statusCode)
    {
    }
}
