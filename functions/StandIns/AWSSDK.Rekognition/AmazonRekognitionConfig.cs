namespace Amazon.Rekognition;

/// <summary>The settings of <see cref="AmazonRekognitionClient"/> this stand-in honours, named as on AWSSDK's ClientConfig.</summary>
public class AmazonRekognitionConfig
{
    public RegionEndpoint? RegionEndpoint { get; set; }

    /// <summary>An endpoint to use instead of the regional one, e.g. a local DetectLabels-compatible detector.</summary>
    public string? ServiceURL { get; set; }

    /// <summary>The region to sign for, when it differs from the one the endpoint is in.</summary>
    public string? AuthenticationRegion { get; set; }

    public TimeSpan? Timeout { get; set; }

    public int? MaxConnectionsPerServer { get; set; }

    internal ImageLabelsLive.Aws.AwsProtocol.AwsClientSettings ToSettings() =>
        new(RegionEndpoint, ServiceURL, AuthenticationRegion, Timeout, MaxConnectionsPerServer);
}
