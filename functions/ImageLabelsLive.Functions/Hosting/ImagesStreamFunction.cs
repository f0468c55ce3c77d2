using Amazon.Lambda.DynamoDBEvents;
using ImageLabelsLive.Aws.Serialization;
using ImageLabelsLive.Functions.Catalog;

namespace ImageLabelsLive.Functions.Hosting;

/// <summary>
/// A consumer of the Images stream: the Stream entry point, and the batch handled in order with the first failure
/// reported for retry (<see cref="StreamBatches"/>). A function only says what one change means to it.
/// </summary>
public abstract class ImagesStreamFunction : ILambdaFunction
{
    public Task<Stream> HandleAsync(Stream input) =>
        LambdaStreams.HandleAsync(input, LambdaJson.Default.DynamoDBEvent, LambdaJson.Default.StreamsEventResponse, HandleAsync);

    public Task<StreamsEventResponse> HandleAsync(DynamoDBEvent streamEvent, CancellationToken cancellationToken) =>
        StreamBatches.HandleInOrderAsync(GetType().Name, streamEvent, HandleChangeAsync, cancellationToken);

    protected abstract Task HandleChangeAsync(ImageChange change, CancellationToken cancellationToken);
}
