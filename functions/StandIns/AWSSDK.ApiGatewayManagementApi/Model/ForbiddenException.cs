using System.Net;
using Amazon.Runtime;

namespace Amazon.ApiGatewayManagementApi.Model;

/// <summary>The caller is not authorized to invoke this operation (HTTP 403).</summary>
public class ForbiddenException : AmazonApiGatewayManagementApiException
{
    public ForbiddenException()
    {
    }

    public ForbiddenException(string message)
        : base(message)
    {
    }

    public ForbiddenException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ForbiddenException(Exception innerException)
        : base(innerException)
    {
    }

    public ForbiddenException(string message, ErrorType errorType, string? errorCode, string? requestId, HttpStatusCode statusCode)
        : base(message, errorType, errorCode, requestId, statusCode)
    {
    }

    public ForbiddenException(string message, Exception? innerException, ErrorType errorType, string? errorCode, string? requestId, HttpStatusCode statusCode)
        : base(message, innerException, errorType, errorCode, requestId, statusCode)
    {
    }
}
