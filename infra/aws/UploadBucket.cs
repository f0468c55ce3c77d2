using Amazon.CDK;
using Amazon.CDK.AWS.S3;
using Constructs;
using ImageLabelsLive.Functions.Catalog;

namespace ImageLabelsLive.Infra;

/// <summary>The private bucket the browser PUTs images into through presigned URLs.</summary>
internal sealed class UploadBucket : Construct
{
    public const string UploadsPrefix = FunctionCatalog.UploadsPrefix;

    /// <summary>Finished feed exports, downloaded through a five-minute presigned GET; kept a day.</summary>
    public const string ExportsPrefix = "exports/";

    public UploadBucket(Construct scope, string id, int expirationDays)
        : base(scope, id)
    {
        var props = PrivateBucket.Props();
        props.LifecycleRules =
        [
            new LifecycleRule
            {
                Id = "expire-uploads",
                Prefix = UploadsPrefix,
                Expiration = Duration.Days(expirationDays),
                AbortIncompleteMultipartUploadAfter = Duration.Days(1),
            },
            new LifecycleRule
            {
                Id = "expire-exports",
                Prefix = ExportsPrefix,
                Expiration = Duration.Days(1),
                AbortIncompleteMultipartUploadAfter = Duration.Days(1),
            },
        ];
        Bucket = new Bucket(this, "Bucket", props);
    }

    public Bucket Bucket { get; }

    /// <summary>Lets the page PUT (only PUT) from the given origins, sending the headers the URL signs.</summary>
    public void AllowBrowserUploadsFrom(IReadOnlyList<string> origins)
    {
        Bucket.AddCorsRule(new CorsRule
        {
            AllowedMethods = [HttpMethods.PUT],
            AllowedOrigins = [.. origins],
            AllowedHeaders = ["Content-Type", "x-amz-checksum-sha256"],
            ExposedHeaders = ["ETag"],
            MaxAge = 3000,
        });
    }
}
