using System.Net;
using Amazon.Runtime;

namespace Amazon.SimpleNotificationService.Model;

/// <summary>The requested resource (e.g. the topic) does not exist (wire code NotFound).</summary>
public class NotFoundException : AmazonSimpleNotificationServiceException
{
    public NotFoundException()
    {
    }

    public NotFoundException(string message)
        : base(message)
    {
    }

    public NotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public NotFoundException(Exception innerException)
        : base(innerException)
    {
    }

    public NotFoundException(string message, ErrorType errorType, string? errorCode, string? requestId, HttpStatusCode statusCode)
        : base(message, errorType, errorCode, requestId, statusCode)
    {
    }

    public NotFoundException(string message, Exception? innerException, ErrorType errorType, string? errorCode, string? requestId, HttpStatusCode statusCode)
        : base(message, innerException, errorType, errorCode, requestId, statusCode)
    {
    }
}

/// <summary>A request parameter does not comply with the associated constraints (wire code InvalidParameter).</summary>
public class InvalidParameterException : AmazonSimpleNotificationServiceException
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

/// <summary>A request parameter value is invalid, e.g. the message is too long (wire code ParameterValueInvalid).</summary>
public class InvalidParameterValueException : AmazonSimpleNotificationServiceException
{
    public InvalidParameterValueException()
    {
    }

    public InvalidParameterValueException(string message)
        : base(message)
    {
    }

    public InvalidParameterValueException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public InvalidParameterValueException(Exception innerException)
        : base(innerException)
    {
    }

    public InvalidParameterValueException(string message, ErrorType errorType, string? errorCode, string? requestId, HttpStatusCode statusCode)
        : base(message, errorType, errorCode, requestId, statusCode)
    {
    }

    public InvalidParameterValueException(string message, Exception? innerException, ErrorType errorType, string? errorCode, string? requestId, HttpStatusCode statusCode)
        : base(message, innerException, errorType, errorCode, requestId, statusCode)
    {
    }
}

/// <summary>The request rate exceeded the account's limit (wire code Throttled).</summary>
public class ThrottledException : AmazonSimpleNotificationServiceException
{
    public ThrottledException()
    {
    }

    public ThrottledException(string message)
        : base(message)
    {
    }

    public ThrottledException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ThrottledException(Exception innerException)
        : base(innerException)
    {
    }

    public ThrottledException(string message, ErrorType errorType, string? errorCode, string? requestId, HttpStatusCode statusCode)
        : base(message, errorType, errorCode, requestId, statusCode)
    {
    }

    public ThrottledException(string message, Exception? innerException, ErrorType errorType, string? errorCode, string? requestId, HttpStatusCode statusCode)
        : base(message, innerException, errorType, errorCode, requestId, statusCode)
    {
    }
}

/// <summary>The caller does not have access to the resource (wire code AuthorizationError).</summary>
public class AuthorizationErrorException : AmazonSimpleNotificationServiceException
{
    public AuthorizationErrorException()
    {
    }

    public AuthorizationErrorException(string message)
        : base(message)
    {
    }

    public AuthorizationErrorException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public AuthorizationErrorException(Exception innerException)
        : base(innerException)
    {
    }

    public AuthorizationErrorException(string message, ErrorType errorType, string? errorCode, string? requestId, HttpStatusCode statusCode)
        : base(message, errorType, errorCode, requestId, statusCode)
    {
    }

    public AuthorizationErrorException(string message, Exception? innerException, ErrorType errorType, string? errorCode, string? requestId, HttpStatusCode statusCode)
        : base(message, innerException, errorType, errorCode, requestId, statusCode)
    {
    }
}

/// <summary>Amazon SNS had an internal error (wire code InternalError).</summary>
public class InternalErrorException : AmazonSimpleNotificationServiceException
{
    public InternalErrorException()
    {
    }

    public InternalErrorException(string message)
        : base(message)
    {
    }

    public InternalErrorException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public InternalErrorException(Exception innerException)
        : base(innerException)
    {
    }

    public InternalErrorException(string message, ErrorType errorType, string? errorCode, string? requestId, HttpStatusCode statusCode)
        : base(message, errorType, errorCode, requestId, statusCode)
    {
    }

    public InternalErrorException(string message, Exception? innerException, ErrorType errorType, string? errorCode, string? requestId, HttpStatusCode statusCode)
        : base(message, innerException, errorType, errorCode, requestId, statusCode)
    {
    }
}
