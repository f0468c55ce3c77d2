using Amazon.Lambda.SNSEvents;
using ImageLabelsLive.Aws.Serialization;
using ImageLabelsLive.Core.PushShards;
using ImageLabelsLive.Functions.Catalog;
using ImageLabelsLive.Functions.Hosting;

namespace ImageLabelsLive.Functions.PushShard;

/// <summary>
/// SNS (the push-shard topic) → one shard of a big feed's connections, posted in parallel with the other shards. A shard
/// some of whose connections could not be reached throws, so Lambda retries the invocation; gone ones never fail it.
/// </summary>
public sealed class PushShardFunction(PushShardHandler handler) : ILambdaFunction
{
    public PushShardFunction()
        : this(FunctionContainer.Instance.PushShard())
    {
    }

    public Task<Stream> HandleAsync(Stream input) =>
        LambdaStreams.HandleAsync(input, LambdaJson.Default.SNSEvent, HandleAsync);

    public async Task HandleAsync(SNSEvent snsEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(snsEvent);
        foreach (var record in snsEvent.Records ?? [])
        {
            if (record?.Sns?.Message is not { } message)
            {
                FunctionLog.Info(nameof(PushShardFunction), "a record without a message; skipped");
                continue;
            }
            var shard = Core.PushShards.PushShard.FromJson(message);
            var report = await handler.HandleAsync(shard, cancellationToken).ConfigureAwait(false);
            if (report.IsSuperseded)
            {
                FunctionLog.Info(nameof(PushShardFunction), $"{shard.ImageId} {shard.Status} shard {shard.Index + 1}/{shard.Count}: behind what was already pushed; not sent again");
                continue;
            }
            FunctionLog.Info(nameof(PushShardFunction), $"{shard.ImageId} {shard.Status} shard {shard.Index + 1}/{shard.Count}: {report.Delivered} delivered, {report.Gone} gone, {report.Failures.Count} failed");
            if (!report.Succeeded)
            {
                throw new AggregateException($"{report.Failures.Count} connections of shard {shard.Index + 1}/{shard.Count} could not be reached.", report.Failures);
            }
        }
    }
}
