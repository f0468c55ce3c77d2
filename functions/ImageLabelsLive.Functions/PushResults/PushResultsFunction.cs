using Amazon.Lambda.DynamoDBEvents;
using ImageLabelsLive.Aws.DynamoDb;
using ImageLabelsLive.Core.PushResults;
using ImageLabelsLive.Functions.Hosting;

namespace ImageLabelsLive.Functions.PushResults;

/// <summary>
/// Images stream → every open socket of the image's feed. Records are handled in order; the first
/// that fails is reported (with ReportBatchItemFailures Lambda retries from it), and pushes that
/// were only slow or gone never fail a record.
/// </summary>
public sealed class PushResultsFunction(PushResultsHandler handler) : ImagesStreamFunction
{
    public PushResultsFunction()
        : this(FunctionContainer.Instance.PushResults())
    {
    }

    protected override async Task HandleChangeAsync(ImageChange change, CancellationToken cancellationToken)
    {
        if (change.NewImage is null || !PushResultsHandler.IsStatusChange(change.OldImage, change.NewImage))
        {
            return;
        }
        var report = await handler.HandleAsync(change.NewImage, cancellationToken).ConfigureAwait(false);
        if (report.IsSuperseded)
        {
            FunctionLog.Info(nameof(PushResultsFunction), $"{change.NewImage.ImageId} {change.NewImage.Status}: a replay behind what was already pushed; not sent again");
            return;
        }
        FunctionLog.Info(nameof(PushResultsFunction), $"{change.NewImage.ImageId} {change.NewImage.Status}: {report.Delivered} delivered, {report.Gone} gone, {report.Failures.Count} failed"
            + (report.Shards > 0 ? $", {report.Sharded} handed to {report.Shards - 1} PushShard workers" : ""));
        if (!report.Succeeded)
        {
            throw new AggregateException($"{report.Failures.Count} connections could not be reached.", report.Failures);
        }
    }
}
