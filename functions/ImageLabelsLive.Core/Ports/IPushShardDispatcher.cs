using ImageLabelsLive.Core.PushShards;

namespace ImageLabelsLive.Core.Ports;

/// <summary>Hands a shard of a big feed's connections to a worker that posts to them in parallel with the others (SNS → PushShard on AWS).</summary>
public interface IPushShardDispatcher
{
    /// <summary>Throws when the shard could not be handed over, so the stream record is retried.</summary>
    Task DispatchAsync(PushShard shard, CancellationToken cancellationToken);
}
