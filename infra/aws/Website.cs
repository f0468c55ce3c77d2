using Amazon.CDK;
using Amazon.CDK.AWS.CloudFront;
using Amazon.CDK.AWS.CloudFront.Origins;
using Amazon.CDK.AWS.S3;
using Amazon.CDK.AWS.S3.Deployment;
using Constructs;

namespace ImageLabelsLive.Infra;

/// <summary>
/// The static frontend: a private bucket that only this CloudFront distribution can read (Origin Access Control).
/// </summary>
internal sealed class Website : Construct
{
    public const string ConfigFileName = "config.json";

    public Website(Construct scope, string id)
        : base(scope, id)
    {
        Bucket = new Bucket(this, "Bucket", PrivateBucket.Props());

        var origin = S3BucketOrigin.WithOriginAccessControl(Bucket);
        Distribution = new Distribution(this, "Distribution", new DistributionProps
        {
            Comment = "ImageLabelsLive frontend",
            DefaultRootObject = "index.html",
            PriceClass = PriceClass.PRICE_CLASS_100,
            HttpVersion = HttpVersion.HTTP2_AND_3,
            DefaultBehavior = new BehaviorOptions
            {
                Origin = origin,
                ViewerProtocolPolicy = ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
                CachePolicy = CachePolicy.CACHING_OPTIMIZED,
                ResponseHeadersPolicy = ResponseHeadersPolicy.SECURITY_HEADERS,
                Compress = true,
            },
            AdditionalBehaviors = new Dictionary<string, IBehaviorOptions>
            {
                // The API URLs change with a redeploy; a cached copy would point the page at the old ones.
                ["/" + ConfigFileName] = new BehaviorOptions
                {
                    Origin = origin,
                    ViewerProtocolPolicy = ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
                    CachePolicy = CachePolicy.CACHING_DISABLED,
                    ResponseHeadersPolicy = ResponseHeadersPolicy.SECURITY_HEADERS,
                },
            },
        });
    }

    public Bucket Bucket { get; }

    public Distribution Distribution { get; }

    public string Url => "https://" + Distribution.DistributionDomainName;

    /// <summary>
    /// Uploads the built frontend plus a generated config.json. Without a build, only config.json goes up
    /// (and nothing already deployed is pruned); synthesis warns instead of failing.
    /// </summary>
    /// <returns>Whether the built frontend was found and is part of the deployment.</returns>
    public bool DeployContent(string distPath, string apiUrl, string webSocketUrl)
    {
        var hasBuild = File.Exists(Path.Combine(distPath, "index.html"));
        var sources = new List<ISource>();
        if (hasBuild)
        {
            sources.Add(Source.Asset(distPath));
        }
        else
        {
            Annotations.Of(this).AddWarning(
                $"No built frontend at {distPath} (index.html missing): only {ConfigFileName} is deployed. " +
                "Run `npm ci && npm run build` in frontend/ and deploy again to publish the page.");
        }

        sources.Add(Source.JsonData(ConfigFileName, new Dictionary<string, object>
        {
            ["apiUrl"] = apiUrl,
            ["webSocketUrl"] = webSocketUrl,
        }));

        _ = new BucketDeployment(this, "Deployment", new BucketDeploymentProps
        {
            Sources = [.. sources],
            DestinationBucket = Bucket,
            Distribution = Distribution,
            DistributionPaths = ["/*"],
            Prune = hasBuild,
            MemoryLimit = 512,
        });
        return hasBuild;
    }
}
