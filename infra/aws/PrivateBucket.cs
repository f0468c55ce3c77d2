using Amazon.CDK;
using Amazon.CDK.AWS.S3;

namespace ImageLabelsLive.Infra;

/// <summary>
/// What every bucket of this app starts from: no public access, owner-enforced objects (no ACLs), encrypted at rest,
/// TLS 1.2 or later only; removed with the stack, objects included.
/// </summary>
internal static class PrivateBucket
{
    public static BucketProps Props() => new()
    {
        BlockPublicAccess = BlockPublicAccess.BLOCK_ALL,
        ObjectOwnership = ObjectOwnership.BUCKET_OWNER_ENFORCED,
        Encryption = BucketEncryption.S3_MANAGED,
        EnforceSSL = true,
        MinimumTLSVersion = 1.2,
        RemovalPolicy = RemovalPolicy.DESTROY,
        AutoDeleteObjects = true,
    };
}
