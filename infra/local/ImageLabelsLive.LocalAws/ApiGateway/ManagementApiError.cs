using ImageLabelsLive.LocalAws.AwsProtocols;

namespace ImageLabelsLive.LocalAws.ApiGateway;

/// <summary>The management API's errors, by the codes its model names (x-amzn-ErrorType).</summary>
internal static class ManagementApiError
{
    /// <summary>The connection is unknown or closing; API Gateway sends no message with it.</summary>
    public static AwsProtocolError Gone() => new(410, "GoneException", null);

    public static AwsProtocolError LimitExceeded() => new(429, "LimitExceededException", "Rate exceeded");

    public static AwsProtocolError PayloadTooLarge() => new(413, "PayloadTooLargeException", "Message too long");

    public static AwsProtocolError InternalFailure(int status) =>
        new(status, "InternalFailure", "The request processing has failed because of an unknown error, exception or failure.");
}
