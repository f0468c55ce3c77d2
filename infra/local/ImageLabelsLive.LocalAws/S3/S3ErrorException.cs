using ImageLabelsLive.LocalAws.AwsProtocols;

namespace ImageLabelsLive.LocalAws.S3;

/// <summary>Unwinds a request to its S3 error response.</summary>
internal sealed class S3ErrorException(AwsProtocolError error) : Exception(error.Code + ": " + error.Message)
{
    public AwsProtocolError Error { get; } = error;
}
