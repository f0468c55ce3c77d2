using Amazon;
using Amazon.Runtime;

namespace ImageLabelsLive.Aws.AwsProtocol;

/// <summary>Where a client sends its requests and the region it signs them for.</summary>
internal sealed record AwsEndpoint(Uri BaseUri, string SigningRegion)
{
    /// <summary>
    /// The endpoint is the config's ServiceURL, else AWS_ENDPOINT_URL_&lt;SERVICE&gt;, else AWS_ENDPOINT_URL (as the
    /// AWS SDKs read them), else the public regional endpoint {prefix}.{region}.{partition DNS suffix}.
    /// The signing region is the config's AuthenticationRegion, else its RegionEndpoint, else AWS_REGION,
    /// else the region named in an AWS host name, else us-east-1 (what the SDKs sign with for a custom endpoint).
    /// </summary>
    public static AwsEndpoint Resolve(AwsServiceDescription service, AwsClientSettings settings, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(environment);

        var region = settings.RegionEndpoint?.SystemName ?? (settings.ProbeRegion ? NonEmpty(environment("AWS_REGION")) : null);
        var configured = NonEmpty(settings.ServiceUrl)
            ?? NonEmpty(environment("AWS_ENDPOINT_URL_" + EnvironmentName(service.ServiceId)))
            ?? NonEmpty(environment("AWS_ENDPOINT_URL"));

        Uri baseUri;
        if (configured is not null)
        {
            if (!Uri.TryCreate(configured, UriKind.Absolute, out var parsed) || (parsed.Scheme != Uri.UriSchemeHttp && parsed.Scheme != Uri.UriSchemeHttps))
            {
                throw new AmazonClientException($"The {service.ServiceId} endpoint '{configured}' is not an absolute http or https URL.");
            }
            baseUri = parsed;
        }
        else
        {
            if (region is null)
            {
                throw new AmazonClientException($"No RegionEndpoint or ServiceURL configured for {service.ServiceId}: set AWS_REGION, the config's RegionEndpoint, or its ServiceURL (assigning ServiceURL, even null, clears the region).");
            }
            baseUri = new Uri($"https://{service.EndpointPrefix}.{region}.{RegionEndpoint.GetBySystemName(region).PartitionDnsSuffix}");
        }

        var signingRegion = NonEmpty(settings.AuthenticationRegion) ?? region ?? RegionFromHost(baseUri.Host) ?? "us-east-1";
        return new AwsEndpoint(baseUri, signingRegion);
    }

    /// <summary>The SDKs' rule: the serviceId upper-cased, spaces as underscores.</summary>
    public static string EnvironmentName(string serviceId) =>
        serviceId.Replace(' ', '_').ToUpperInvariant();

    /// <summary>
    /// The region label of an AWS host name: the label before "amazonaws", e.g. abc.execute-api.eu-west-1.amazonaws.com.
    /// Null for any other host (localhost, an IP address, a custom domain).
    /// </summary>
    public static string? RegionFromHost(string host)
    {
        var labels = host.Split('.');
        var index = Array.IndexOf(labels, "amazonaws");
        if (index < 2)
        {
            return null;
        }
        var candidate = labels[index - 1];
        return candidate.Contains('-', StringComparison.Ordinal) ? candidate : null;
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
