using Amazon.Lambda.DynamoDBEvents;
using ImageLabelsLive.Aws.Serialization;
using ImageLabelsLive.Core.FeedIndexing;
using ImageLabelsLive.Functions.Catalog;
using ImageLabelsLive.Functions.Hosting;

namespace ImageLabelsLive.Functions.IndexFeed;

/// <summary>
/// Images stream → the FeedIndex table (label members and counts, image count, SHA-256 lookup, change log). Every
/// record is reconciled to the image's current state, so retried and duplicated batches converge.
/// </summary>
public sealed class IndexFeedFunction(IndexFeedHandler handler) : ILambdaFunction
{
    public IndexFeedFunction()
        : this(FunctionContainer.Instance.IndexFeed())
    {
    }

    public Task<Stream> HandleAsync(Stream input) =>
        LambdaStreams.HandleAsync(input, LambdaJson.Default.DynamoDBEvent, LambdaJson.Default.StreamsEventResponse, HandleAsync);

    public Task<StreamsEventResponse> HandleAsync(DynamoDBEvent streamEvent, CancellationToken cancellationToken) =>
        StreamBatches.HandleInOrderAsync(nameof(IndexFeedFunction), streamEvent,
            (change, token) => handler.HandleAsync(change.OldImage, change.NewImage, token), cancellationToken);
}
