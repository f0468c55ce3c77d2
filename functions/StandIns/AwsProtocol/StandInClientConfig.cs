using Amazon;

namespace ImageLabelsLive.Aws.AwsProtocol;

/// <summary>
/// The settings the three client stand-ins honour, named as on AWSSDK.Core's ClientConfig, which each real package's
/// config derives from. Written once here; each package's config only names itself.
/// </summary>
public abstract class StandInClientConfig
{
    private RegionEndpoint? regionEndpoint;
    private string? serviceUrl;
    private bool probeForRegion = true;

    /// <summary>
    /// The region; unset, AWS_REGION. As on AWSSDK's ClientConfig, RegionEndpoint and ServiceURL exclude each other:
    /// assigning either clears the other, and assigning ServiceURL (even null) stops the AWS_REGION look-up.
    /// </summary>
    public RegionEndpoint? RegionEndpoint
    {
        get => regionEndpoint;
        set
        {
            serviceUrl = null;
            regionEndpoint = value;
            probeForRegion = value is null;
        }
    }

    /// <summary>An endpoint to use instead of the regional one (a local stand-in, or the connections endpoint with its stage).</summary>
    public string? ServiceURL
    {
        get => serviceUrl;
        set
        {
            regionEndpoint = null;
            probeForRegion = false;
            serviceUrl = value;
        }
    }

    /// <summary>The region to sign for, when it differs from the one the endpoint is in.</summary>
    public string? AuthenticationRegion { get; set; }

    public TimeSpan? Timeout { get; set; }

    public int? MaxConnectionsPerServer { get; set; }

    /// <summary>Retries after a throttled, timed-out or 5xx attempt; 2 by default, as in the SDK's standard retry mode. 0 sends each request once.</summary>
    public int MaxErrorRetry { get; set; } = 2;

    internal AwsClientSettings ToSettings() =>
        new(RegionEndpoint, ServiceURL, AuthenticationRegion, Timeout, MaxConnectionsPerServer, probeForRegion, MaxErrorRetry);
}
