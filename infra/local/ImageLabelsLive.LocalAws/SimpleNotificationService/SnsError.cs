using ImageLabelsLive.LocalAws.AwsProtocols;
using Microsoft.AspNetCore.Http;

namespace ImageLabelsLive.LocalAws.SimpleNotificationService;

/// <summary>SNS's errors, by the codes its model names (written by <see cref="SnsErrorXml"/>).</summary>
internal static class SnsError
{
    public static AwsProtocolError NotFound(string message) => new(StatusCodes.Status404NotFound, "NotFound", message);

    public static AwsProtocolError InvalidParameter(string message) => new(StatusCodes.Status400BadRequest, "InvalidParameter", message);

    /// <summary>The model's wire code for InvalidParameterValueException is ParameterValueInvalid, not the shape's name.</summary>
    public static AwsProtocolError InvalidParameterValue(string message) => new(StatusCodes.Status400BadRequest, "ParameterValueInvalid", message);

    public static AwsProtocolError InvalidAction(string action) =>
        new(StatusCodes.Status400BadRequest, "InvalidAction", $"Could not find operation {action} for version {SnsXml.ApiVersion}");

    public static AwsProtocolError MissingAction() => new(StatusCodes.Status400BadRequest, "MissingAction", "Missing Action");

    public static AwsProtocolError SignatureDoesNotMatch(string message) => new(StatusCodes.Status403Forbidden, "SignatureDoesNotMatch", message);

    public static AwsProtocolError IncompleteSignature(string message) => new(StatusCodes.Status400BadRequest, "IncompleteSignature", message);

    public static AwsProtocolError InternalError(string message) => new(StatusCodes.Status500InternalServerError, "InternalError", message);
}
