using System.Text;
using ImageLabelsLive.Core.Images;
using ImageLabelsLive.Core.Ports;
using ImageLabelsLive.Core.PushResults;

namespace ImageLabelsLive.Core.PushShards;

/// <summary>
/// A PushShard worker: posts a shard's message to each of its connections, as PushResults would. Shards arrive at
/// least once and in any order; a shard whose status is behind one this container already posted to the same slice
/// is skipped, so a late "processing" never follows "labeled" on those tabs.
/// </summary>
public sealed class PushShardHandler(IConnectionStore connections, IConnectionMessenger messenger, int maxConcurrency)
{
    private readonly ConnectionFanOut fanOut = new(connections, messenger, maxConcurrency);
    private readonly PushedStatuses pushed = new(PushedStatuses.DefaultCapacity);

    public async Task<PushReport> HandleAsync(PushShard shard, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(shard);
        if (ImageStatusNames.TryParse(shard.Status, out var status)
            && !pushed.TryAdvance($"{shard.ImageId}#{shard.Index}/{shard.Count}", status))
        {
            return PushReport.Superseded;
        }
        return await fanOut.PostAsync(shard.ConnectionIds, Encoding.UTF8.GetBytes(shard.Message), cancellationToken).ConfigureAwait(false);
    }
}
