using System.Net;
using Amazon.Runtime;

namespace Amazon.ApiGatewayManagementApi;

/// <summary>The base of every error the API Gateway management API answers; an error code this stand-in has no type for arrives as this type.</summary>
public class AmazonApiGatewayManagementApiException : AmazonServiceException
{
    public AmazonApiGatewayManagementApiException()
    {
    }

    public AmazonApiGatewayManagementApiException(string message)
        : base(message)
    {
    }

    public AmazonApiGatewayManagementApiException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public AmazonApiGatewayManagementApiException(Exception innerException)
        : base(innerException)
    {
    }

    public AmazonApiGatewayManagementApiException(string message, ErrorType errorType, string? errorCode, string? requestId, HttpStatusCode statusCode)
        : base(message, errorType, errorCode, requestId, statusCode)
    {
    }

    public AmazonApiGatewayManagementApiException(string message, Exception? innerException, ErrorType errorType, string? errorCode, string? requestId, HttpStatusCode statusCode)
        : base(message, innerException, errorType, errorCode, requestId, statusCode)
    {
    }
}
