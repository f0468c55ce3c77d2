using System.Net;
using Amazon.Runtime;

namespace Amazon.Rekognition.Model;

/// <summary>The number of in-progress human reviews you have has exceeded the number allowed.</summary>
public class HumanLoopQuotaExceededException : AmazonRekognitionException
{
    public HumanLoopQuotaExceededException()
    {
    }

    public HumanLoopQuotaExceededException(string message)
        : base(message)
    {
    }

    public HumanLoopQuotaExceededException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public HumanLoopQuotaExceededException(Exception innerException)
        : base(innerException)
    {
    }

    public HumanLoopQuotaExceededException(string message, ErrorType errorType, string? errorCode, string? requestId, HttpStatusCode statusCode)
        : base(message, errorType, errorCode, requestId, statusCode)
    {
    }

    public HumanLoopQuotaExceededException(string message, Exception? innerException, ErrorType errorType, string? errorCode, string? requestId, HttpStatusCode statusCode)
        : base(message, innerException, errorType, errorCode, requestId, statusCode)
    {
    }
}
