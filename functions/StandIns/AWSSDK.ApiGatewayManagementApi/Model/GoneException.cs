using System.Net;
using Amazon.Runtime;

namespace Amazon.ApiGatewayManagementApi.Model;

/// <summary>The connection with the provided id no longer exists (HTTP 410).</summary>
public class GoneException : AmazonApiGatewayManagementApiException
{
    public GoneException()
    {
    }

    public GoneException(string message)
        : base(message)
    {
    }

    public GoneException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public GoneException(Exception innerException)
        : base(innerException)
    {
    }

    public GoneException(string message, ErrorType errorType, string? errorCode, string? requestId, HttpStatusCode statusCode)
        : base(message, errorType, errorCode, requestId, statusCode)
    {
    }

    public GoneException(string message, Exception? innerException, ErrorType errorType, string? errorCode, string? requestId, HttpStatusCode statusCode)
        : base(message, innerException, errorType, errorCode, requestId, statusCode)
    {
    }
}
