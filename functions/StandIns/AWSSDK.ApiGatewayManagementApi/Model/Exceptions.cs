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

/// <summary>Too many requests, or the WebSocket client's buffer is full (HTTP 429).</summary>
public class LimitExceededException : AmazonApiGatewayManagementApiException
{
    public LimitExceededException()
    {
    }

    public LimitExceededException(string message)
        : base(message)
    {
    }

    public LimitExceededException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public LimitExceededException(Exception innerException)
        : base(innerException)
    {
    }

    public LimitExceededException(string message, ErrorType errorType, string? errorCode, string? requestId, HttpStatusCode statusCode)
        : base(message, errorType, errorCode, requestId, statusCode)
    {
    }

    public LimitExceededException(string message, Exception? innerException, ErrorType errorType, string? errorCode, string? requestId, HttpStatusCode statusCode)
        : base(message, innerException, errorType, errorCode, requestId, statusCode)
    {
    }
}

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
