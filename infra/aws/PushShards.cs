using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.KMS;
using Amazon.CDK.AWS.SNS;
using Constructs;

namespace ImageLabelsLive.Infra;

/// <summary>
/// Sharded fan-out for big feeds: PushResults publishes each shard of a feed's connections (above
/// <see cref="ShardSize"/>) to this topic, and SNS invokes PushShard once per shard, all in parallel. SNS rather than
/// SQS: a Lambda subscription invokes at once and concurrently (SQS would add a poller and batch windows, and the
/// shards are latency-bound, not a backlog), PushResults already has the SNS client, and SNS's 256 KiB message holds
/// a 1,000-connection shard with its record. The subscription and the grants come from the function catalog.
/// </summary>
internal sealed class PushShards : Construct
{
    /// <summary>See ImageLabelsLive.Core.PushShards.PushShardPlan.DefaultShardSize for why 1,000.</summary>
    public const int ShardSize = 1000;

    public PushShards(Construct scope, string id, IKey key)
        : base(scope, id)
    {
        // The shards carry records and their presigned image links: encrypted with the app's key, TLS only.
        Topic = new Topic(this, "Topic", new TopicProps { DisplayName = "ImageLabelsLive push shards", MasterKey = key, EnforceSSL = true });
    }

    public Topic Topic { get; }

    /// <summary>Nobody but <paramref name="publisher"/> (PushResults' role) may publish a shard.</summary>
    public void AllowOnlyPublisher(IRole publisher)
    {
        ArgumentNullException.ThrowIfNull(publisher);
        Topic.AddToResourcePolicy(new PolicyStatement(new PolicyStatementProps
        {
            Sid = "OnlyPushResultsPublishes",
            Effect = Effect.DENY,
            Principals = [new AnyPrincipal()],
            Actions = ["sns:Publish"],
            Resources = [Topic.TopicArn],
            Conditions = new Dictionary<string, object>
            {
                ["ArnNotEquals"] = new Dictionary<string, object> { ["aws:PrincipalArn"] = publisher.RoleArn },
            },
        }));
    }
}
