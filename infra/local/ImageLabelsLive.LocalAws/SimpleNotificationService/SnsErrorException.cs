using ImageLabelsLive.LocalAws.AwsProtocols;

namespace ImageLabelsLive.LocalAws.SimpleNotificationService;

/// <summary>Unwinds an action to its Query-protocol error response.</summary>
internal sealed class SnsErrorException(AwsProtocolError error) : Exception(error.Code + ": " + error.Message)
{
    public AwsProtocolError Error { get; } = error;
}
