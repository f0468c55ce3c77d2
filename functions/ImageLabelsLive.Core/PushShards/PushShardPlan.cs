namespace ImageLabelsLive.Core.PushShards;

/// <summary>
/// How a big feed's connections are split. A feed with more than <see cref="ShardSize"/> connections is pushed in shards
/// of at most that many, each posted by its own worker in parallel, so delivery time is bounded by a shard's size, not
/// the feed's. Shards are also kept small enough for their message to fit one SNS message (256 KiB).
/// </summary>
public sealed record PushShardPlan(int ShardSize)
{
    /// <summary>
    /// 1,000: one invocation posts to about 2,000 connections a second at 32 in flight (PostToConnection takes 10–20 ms
    /// in-region), so a shard takes about half a second, while the SNS hop costs tens of milliseconds. Below this a
    /// feed is cheaper to push from PushResults itself.
    /// </summary>
    public const int DefaultShardSize = 1000;

    /// <summary>SNS's limit on one message.</summary>
    public const int MaxMessageBytes = 256 * 1024;

    /// <summary>The shard's JSON around its message and ids.</summary>
    private const int EnvelopeBytes = 1024;

    public bool ShouldShard(int connections) => connections > ShardSize;

    /// <summary>
    /// The ids in consecutive slices of at most <see cref="ShardSize"/>, fewer when the message leaves less room in an SNS
    /// message. <paramref name="messageBytes"/> is its size inside the shard's JSON (<see cref="PushShard.MessageSizeInJson"/>).
    /// Empty when even one id does not fit: the message is too big to travel through SNS.
    /// </summary>
    public IReadOnlyList<string[]> Split(IReadOnlyList<string> connectionIds, int messageBytes)
    {
        ArgumentNullException.ThrowIfNull(connectionIds);
        var room = MaxMessageBytes - EnvelopeBytes - messageBytes;
        // An id is written as "id", with a comma; API Gateway's are 12 characters of base64 and '='.
        var longestId = connectionIds.Count == 0 ? 0 : connectionIds.Max(id => id.Length);
        var perShard = Math.Min(Math.Max(1, ShardSize), room / (longestId + 3));
        if (perShard < 1)
        {
            return [];
        }
        return connectionIds.Chunk(perShard).ToArray();
    }
}
