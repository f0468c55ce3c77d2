using System.Net;
using Amazon.Runtime;

namespace Amazon.Rekognition.Model;

/// <summary>The number of requests exceeded your throughput limit.</summary>
public class ProvisionedThroughputExceededException : AmazonRekognitionException
{
    public ProvisionedThroughputExceededException()
    {
    }

    public ProvisionedThroughputExceededException(string message)
        : base(message)
    {
    }

    public ProvisionedThroughputExceededException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ProvisionedThroughputExceededException(Exception innerException)
        : base(innerException)
    {
    }

    public ProvisionedThroughputExceededException(string message, ErrorType errorType, string? errorCode, string? requestId, HttpStatusCode statusCode)
        : base(message, errorType, errorCode, requestId, statusCode)
    {
    }

    public ProvisionedThroughputExceededException(string message, Exception? innerException, ErrorType errorType, string? errorCode, string? requestId, HttpStatusCode statusCode)
        : base(message, innerException, errorType, errorCode, requestId, statusCode)
    {
    }
}
