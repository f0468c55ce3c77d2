using Amazon.Lambda.DynamoDBEvents;
using ImageLabelsLive.Core.FeedIndexing;
using ImageLabelsLive.Functions.Hosting;

namespace ImageLabelsLive.Functions.IndexFeed;

/// <summary>
/// Images stream → the FeedIndex table (label members and counts, image count, SHA-256 lookup, change log). Every
/// record is reconciled to the image's current state, so retried and duplicated batches converge.
/// </summary>
public sealed class IndexFeedFunction(IndexFeedHandler handler) : ImagesStreamFunction
{
    public IndexFeedFunction()
        : this(FunctionContainer.Instance.IndexFeed())
    {
    }

    protected override Task HandleChangeAsync(ImageChange change, CancellationToken cancellationToken) =>
        handler.HandleAsync(change.OldImage, change.NewImage, cancellationToken);
}
