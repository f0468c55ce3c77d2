using Amazon.Lambda.DynamoDBEvents;
using ImageLabelsLive.Aws.Serialization;
using ImageLabelsLive.Core.Notifications;
using ImageLabelsLive.Functions.Catalog;
using ImageLabelsLive.Functions.Hosting;

namespace ImageLabelsLive.Functions.NotifyResults;

/// <summary>Images stream → one SNS email per move into labeled or failed; failed sends are reported for retry.</summary>
public sealed class NotifyResultsFunction(NotifyResultHandler handler) : ILambdaFunction
{
    public NotifyResultsFunction()
        : this(FunctionContainer.Instance.NotifyResult())
    {
    }

    public Task<Stream> HandleAsync(Stream input) =>
        LambdaStreams.HandleAsync(input, LambdaJson.Default.DynamoDBEvent, LambdaJson.Default.StreamsEventResponse, HandleAsync);

    public Task<StreamsEventResponse> HandleAsync(DynamoDBEvent streamEvent, CancellationToken cancellationToken) =>
        StreamBatches.HandleInOrderAsync(nameof(NotifyResultsFunction), streamEvent, async (change, token) =>
        {
            if (change.NewImage is null)
            {
                return;
            }
            var outcome = await handler.HandleAsync(change.OldImage, change.NewImage, token).ConfigureAwait(false);
            if (outcome != NotifyOutcome.NotATransition)
            {
                FunctionLog.Info(nameof(NotifyResultsFunction), $"{change.NewImage.ImageId} {change.NewImage.Status}: {outcome}");
            }
        }, cancellationToken);
}
