using System.Net;
using Amazon.Runtime;

namespace Amazon.Rekognition.Model;

/// <summary>The provided image format is not supported.</summary>
public class InvalidImageFormatException : AmazonRekognitionException
{
    public InvalidImageFormatException()
    {
    }

    public InvalidImageFormatException(string message)
        : base(message)
    {
    }

    public InvalidImageFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public InvalidImageFormatException(Exception innerException)
        : base(innerException)
    {
    }

    public InvalidImageFormatException(string message, ErrorType errorType, string? errorCode, string? requestId, HttpStatusCode statusCode)
        : base(message, errorType, errorCode, requestId, statusCode)
    {
    }

    public InvalidImageFormatException(string message, Exception? innerException, ErrorType errorType, string? errorCode, string? requestId, HttpStatusCode statusCode)
        : base(message, innerException, errorType, errorCode, requestId, statusCode)
    {
    }
}

/// <summary>The input image size exceeds the allowed limit.</summary>
public class ImageTooLargeException : AmazonRekognitionException
{
    public ImageTooLargeException()
    {
    }

    public ImageTooLargeException(string message)
        : base(message)
    {
    }

    public ImageTooLargeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ImageTooLargeException(Exception innerException)
        : base(innerException)
    {
    }

    public ImageTooLargeException(string message, ErrorType errorType, string? errorCode, string? requestId, HttpStatusCode statusCode)
        : base(message, errorType, errorCode, requestId, statusCode)
    {
    }

    public ImageTooLargeException(string message, Exception? innerException, ErrorType errorType, string? errorCode, string? requestId, HttpStatusCode statusCode)
        : base(message, innerException, errorType, errorCode, requestId, statusCode)
    {
    }
}

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

/// <summary>Input parameter violated a constraint, e.g. an image smaller than 80 pixels a side.</summary>
public class InvalidParameterException : AmazonRekognitionException
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

/// <summary>Amazon Rekognition is temporarily unable to process the request; try again.</summary>
public class ThrottlingException : AmazonRekognitionException
{
    public ThrottlingException()
    {
    }

    public ThrottlingException(string message)
        : base(message)
    {
    }

    public ThrottlingException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ThrottlingException(Exception innerException)
        : base(innerException)
    {
    }

    public ThrottlingException(string message, ErrorType errorType, string? errorCode, string? requestId, HttpStatusCode statusCode)
        : base(message, errorType, errorCode, requestId, statusCode)
    {
    }

    public ThrottlingException(string message, Exception? innerException, ErrorType errorType, string? errorCode, string? requestId, HttpStatusCode statusCode)
        : base(message, innerException, errorType, errorCode, requestId, statusCode)
    {
    }
}

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

/// <summary>An Amazon Rekognition service limit was exceeded.</summary>
public class LimitExceededException : AmazonRekognitionException
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

/// <summary>You are not authorized to perform the action.</summary>
public class AccessDeniedException : AmazonRekognitionException
{
    public AccessDeniedException()
    {
    }

    public AccessDeniedException(string message)
        : base(message)
    {
    }

    public AccessDeniedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public AccessDeniedException(Exception innerException)
        : base(innerException)
    {
    }

    public AccessDeniedException(string message, ErrorType errorType, string? errorCode, string? requestId, HttpStatusCode statusCode)
        : base(message, errorType, errorCode, requestId, statusCode)
    {
    }

    public AccessDeniedException(string message, Exception? innerException, ErrorType errorType, string? errorCode, string? requestId, HttpStatusCode statusCode)
        : base(message, innerException, errorType, errorCode, requestId, statusCode)
    {
    }
}

/// <summary>Amazon Rekognition experienced a service issue (wire code InternalServerError).</summary>
public class InternalServerErrorException : AmazonRekognitionException
{
    public InternalServerErrorException()
    {
    }

    public InternalServerErrorException(string message)
        : base(message)
    {
    }

    public InternalServerErrorException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public InternalServerErrorException(Exception innerException)
        : base(innerException)
    {
    }

    public InternalServerErrorException(string message, ErrorType errorType, string? errorCode, string? requestId, HttpStatusCode statusCode)
        : base(message, errorType, errorCode, requestId, statusCode)
    {
    }

    public InternalServerErrorException(string message, Exception? innerException, ErrorType errorType, string? errorCode, string? requestId, HttpStatusCode statusCode)
        : base(message, innerException, errorType, errorCode, requestId, statusCode)
    {
    }
}

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

/// <summary>The resource specified in the request cannot be found.</summary>
public class ResourceNotFoundException : AmazonRekognitionException
{
    public ResourceNotFoundException()
    {
    }

    public ResourceNotFoundException(string message)
        : base(message)
    {
    }

    public ResourceNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ResourceNotFoundException(Exception innerException)
        : base(innerException)
    {
    }

    public ResourceNotFoundException(string message, ErrorType errorType, string? errorCode, string? requestId, HttpStatusCode statusCode)
        : base(message, errorType, errorCode, requestId, statusCode)
    {
    }

    public ResourceNotFoundException(string message, Exception? innerException, ErrorType errorType, string? errorCode, string? requestId, HttpStatusCode statusCode)
        : base(message, innerException, errorType, errorCode, requestId, statusCode)
    {
    }
}

/// <summary>The requested resource isn't ready, e.g. a model version still training.</summary>
public class ResourceNotReadyException : AmazonRekognitionException
{
    public ResourceNotReadyException()
    {
    }

    public ResourceNotReadyException(string message)
        : base(message)
    {
    }

    public ResourceNotReadyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ResourceNotReadyException(Exception innerException)
        : base(innerException)
    {
    }

    public ResourceNotReadyException(string message, ErrorType errorType, string? errorCode, string? requestId, HttpStatusCode statusCode)
        : base(message, errorType, errorCode, requestId, statusCode)
    {
    }

    public ResourceNotReadyException(string message, Exception? innerException, ErrorType errorType, string? errorCode, string? requestId, HttpStatusCode statusCode)
        : base(message, innerException, errorType, errorCode, requestId, statusCode)
    {
    }
}
