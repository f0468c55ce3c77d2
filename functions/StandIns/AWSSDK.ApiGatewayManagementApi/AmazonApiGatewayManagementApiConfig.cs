namespace Amazon.ApiGatewayManagementApi;

/// <summary>The settings of <see cref="AmazonApiGatewayManagementApiClient"/> this stand-in honours, named as on AWSSDK's ClientConfig.</summary>
public class AmazonApiGatewayManagementApiConfig
{
    public RegionEndpoint? RegionEndpoint { get; set; }

    /// <summary>
    /// The WebSocket API's connections endpoint including its stage, e.g.
    /// https://{apiId}.execute-api.{region}.amazonaws.com/{stage}, or a local host's equivalent.
    /// </summary>
    public string? ServiceURL { get; set; }

    /// <summary>The region to sign for; otherwise AWS_REGION, otherwise the region in the endpoint's host name.</summary>
    public string? AuthenticationRegion { get; set; }

    public TimeSpan? Timeout { get; set; }

    public int? MaxConnectionsPerServer { get; set; }

    internal ImageLabelsLive.Aws.AwsProtocol.AwsClientSettings ToSettings() =>
        new(RegionEndpoint, ServiceURL, AuthenticationRegion, Timeout, MaxConnectionsPerServer);
}
