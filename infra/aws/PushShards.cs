using Amazon.CDK;
using Amazon.CDK.AWS.DynamoDB;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.KMS;
using Amazon.CDK.AWS.Lambda;
using Amazon.CDK.AWS.SNS;
using Amazon.CDK.AWS.SNS.Subscriptions;
using Amazon.CDK.AWS.SQS;
using Constructs;
using LambdaFunction = Amazon.CDK.AWS.Lambda.Function;

namespace ImageLabelsLive.Infra;

internal sealed record PushShardsProps(PipelineFunctions Functions, ITable Connections, WebSocketApi WebSocket, IKey Key);

/// <summary>
/// Sharded fan-out for big feeds: PushResults publishes each shard of a feed's connections (above
/// <see cref="ShardSize"/>) to a topic, and SNS invokes PushShard once per shard, all in parallel. SNS rather than SQS:
/// a Lambda subscription invokes at once and concurrently (SQS would add a poller and batch windows, and the shards
/// are latency-bound, not a backlog), PushResults already has the SNS client, and SNS's 256 KiB message holds a
/// 1,000-connection shard with its record.
/// </summary>
internal sealed class PushShards : Construct
{
    /// <summary>See ImageLabelsLive.Core.PushShards.PushShardPlan.DefaultShardSize for why 1,000.</summary>
    public const int ShardSize = 1000;

    public static readonly FunctionSpec PushShardSpec = new("PushShard", 1024, 60, "Push-shard topic: posts one shard of a big feed's connections");

    public PushShards(Construct scope, string id, PushShardsProps props)
        : base(scope, id)
    {
        ArgumentNullException.ThrowIfNull(props);
        // The shards carry records and their presigned image links: encrypted with the app's key, TLS only.
        Topic = new Topic(this, "Topic", new TopicProps { DisplayName = "ImageLabelsLive push shards", MasterKey = props.Key, EnforceSSL = true });
        Topic.AddToResourcePolicy(new PolicyStatement(new PolicyStatementProps
        {
            Sid = "OnlyPushResultsPublishes",
            Effect = Effect.DENY,
            Principals = [new AnyPrincipal()],
            Actions = ["sns:Publish"],
            Resources = [Topic.TopicArn],
            Conditions = new Dictionary<string, object>
            {
                ["ArnNotEquals"] = new Dictionary<string, object> { ["aws:PrincipalArn"] = props.Functions.PushResults.Role!.RoleArn },
            },
        }));

        // Asynchronous invocations (what SNS makes): two retries, then the shard waits in its queue.
        Failures = new Queue(this, "PushShardFailures", PipelineFunctions.DeadLetterQueueProps());
        Function = props.Functions.Create(PushShardSpec, new()
        {
            ["CONNECTIONS_TABLE"] = props.Connections.TableName,
            ["CONNECTIONS_ENDPOINT"] = props.WebSocket.ConnectionsEndpoint,
            ["PUSH_CONCURRENCY"] = PipelineFunctions.PushConcurrency.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }, Failures);
        // Gone connections are deleted, as PushResults deletes them; posting is allowed on this stage's POST /@connections/* only.
        Function.AddToRolePolicy(new PolicyStatement(new PolicyStatementProps
        {
            Effect = Effect.ALLOW,
            Actions = ["dynamodb:DeleteItem"],
            Resources = [props.Connections.TableArn],
        }));
        props.WebSocket.GrantPostToConnections(Function);
        Topic.AddSubscription(new LambdaSubscription(Function));

        var pushResults = props.Functions.PushResults;
        pushResults.AddEnvironment("PUSH_SHARD_TOPIC_ARN", Topic.TopicArn);
        pushResults.AddEnvironment("PUSH_SHARD_SIZE", ShardSize.ToString(System.Globalization.CultureInfo.InvariantCulture));
        pushResults.AddToRolePolicy(new PolicyStatement(new PolicyStatementProps
        {
            Effect = Effect.ALLOW,
            Actions = ["sns:Publish"],
            Resources = [Topic.TopicArn],
        }));
        // SNS encrypts the published shard with the topic's key on the publisher's behalf.
        props.Key.Grant(pushResults, "kms:Decrypt", "kms:GenerateDataKey*");
    }

    public Topic Topic { get; }

    public LambdaFunction Function { get; }

    /// <summary>Shards PushShard failed on after Lambda's two retries.</summary>
    public Queue Failures { get; }
}
