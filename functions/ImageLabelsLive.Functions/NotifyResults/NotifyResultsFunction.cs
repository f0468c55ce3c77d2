using Amazon.Lambda.DynamoDBEvents;
using ImageLabelsLive.Core.Notifications;
using ImageLabelsLive.Functions.Hosting;

namespace ImageLabelsLive.Functions.NotifyResults;

/// <summary>Images stream → one SNS email per move into labeled or failed; failed sends are reported for retry.</summary>
public sealed class NotifyResultsFunction(NotifyResultHandler handler) : ImagesStreamFunction
{
    public NotifyResultsFunction()
        : this(FunctionContainer.Instance.NotifyResult())
    {
    }

    protected override async Task HandleChangeAsync(ImageChange change, CancellationToken cancellationToken)
    {
        if (change.NewImage is null)
        {
            return;
        }
        var outcome = await handler.HandleAsync(change.OldImage, change.NewImage, cancellationToken).ConfigureAwait(false);
        if (outcome != NotifyOutcome.NotATransition)
        {
            FunctionLog.Info(nameof(NotifyResultsFunction), $"{change.NewImage.ImageId} {change.NewImage.Status}: {outcome}");
        }
    }
}
