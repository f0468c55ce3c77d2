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

/// <summary>The account already owns the maximum allowed number of subscriptions (wire code SubscriptionLimitExceeded).</summary>
public class SubscriptionLimitExceededException : AmazonSimpleNotificationServiceException
{
    public SubscriptionLimitExceededException()
    {
    }

    public SubscriptionLimitExceededException(string message)
        : base(message)
    {
    }

    public SubscriptionLimitExceededException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public SubscriptionLimitExceededException(Exception innerException)
        : base(innerException)
    {
    }

    public SubscriptionLimitExceededException(string message, ErrorType errorType, string? errorCode, string? requestId, HttpStatusCode statusCode)
        : base(message, errorType, errorCode, requestId, statusCode)
    {
    }

    public SubscriptionLimitExceededException(string message, Exception? innerException, ErrorType errorType, string? errorCode, string? requestId, HttpStatusCode statusCode)
        : base(message, innerException, errorType, errorCode, requestId, statusCode)
    {
    }
}

/// <summary>The account has reached its limit of filter policies (wire code FilterPolicyLimitExceeded).</summary>
public class FilterPolicyLimitExceededException : AmazonSimpleNotificationServiceException
{
    public FilterPolicyLimitExceededException()
    {
    }

    public FilterPolicyLimitExceededException(string message)
        : base(message)
    {
    }

    public FilterPolicyLimitExceededException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public FilterPolicyLimitExceededException(Exception innerException)
        : base(innerException)
    {
    }

    public FilterPolicyLimitExceededException(string message, ErrorType errorType, string? errorCode, string? requestId, HttpStatusCode statusCode)
        : base(message, errorType, errorCode, requestId, statusCode)
    {
    }

    public FilterPolicyLimitExceededException(string message, Exception? innerException, ErrorType errorType, string? errorCode, string? requestId, HttpStatusCode statusCode)
        : base(message, innerException, errorType, errorCode, requestId, statusCode)
    {
    }
}

/// <summary>The request was not signed with SigV4 over HTTPS (wire code InvalidSecurity).</summary>
public class InvalidSecurityException : AmazonSimpleNotificationServiceException
{
    public InvalidSecurityException()
    {
    }

    public InvalidSecurityException(string message)
        : base(message)
    {
    }

    public InvalidSecurityException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public InvalidSecurityException(Exception innerException)
        : base(innerException)
    {
    }

    public InvalidSecurityException(string message, ErrorType errorType, string? errorCode, string? requestId, HttpStatusCode statusCode)
        : base(message, errorType, errorCode, requestId, statusCode)
    {
    }

    public InvalidSecurityException(string message, Exception? innerException, ErrorType errorType, string? errorCode, string? requestId, HttpStatusCode statusCode)
        : base(message, innerException, errorType, errorCode, requestId, statusCode)
    {
    }
}
