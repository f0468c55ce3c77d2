using Amazon.SimpleNotificationService;
using Amazon.SimpleNotificationService.Model;
using ImageLabelsLive.Core.Ports;
using ImageLabelsLive.Core.PushShards;

namespace ImageLabelsLive.Aws.Messaging;

/// <summary>
/// Hands a shard to the PushShard function through an SNS topic: one Publish per shard, which SNS delivers to the
/// function as an asynchronous invocation (retried twice by Lambda, then its on-failure destination).
/// </summary>
public sealed class SnsPushShardDispatcher(IAmazonSimpleNotificationService sns, string topicArn) : IPushShardDispatcher
{
    public async Task DispatchAsync(PushShard shard, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(shard);
        await sns.PublishAsync(new PublishRequest { TopicArn = topicArn, Message = shard.ToJson() }, cancellationToken).ConfigureAwait(false);
    }
}
