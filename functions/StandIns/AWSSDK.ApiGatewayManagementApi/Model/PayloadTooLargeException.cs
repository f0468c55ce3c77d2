using System.Net;
using Amazon.Runtime;

namespace Amazon.ApiGatewayManagementApi.Model;

/// <summary>The data has exceeded the maximum size allowed (HTTP 413).</summary>
public class PayloadTooLargeException : AmazonApiGatewayManagementApiException
{
    public PayloadTooLargeException()
    {
    }

    public PayloadTooLargeException(string message)
        : base(message)
    {
    }

    public PayloadTooLargeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public PayloadTooLargeException(Exception innerException)
        : base(innerException)
    {
    }

    public PayloadTooLargeException(string message, ErrorType errorType, string? errorCode, string? requestId, HttpStatusCode statusCode)
        : base(message, errorType, errorCode, requestId, statusCode)
    {
    }

    public PayloadTooLargeException(string message, Exception? innerException, ErrorType errorType, string? errorCode, string? requestId, HttpStatusCode statusCode)
        : base(message, innerException, errorType, errorCode, requestId, statusCode)
    {
    }
}
