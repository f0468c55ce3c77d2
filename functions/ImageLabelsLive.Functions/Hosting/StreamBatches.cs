using Amazon.Lambda.DynamoDBEvents;
using ImageLabelsLive.Aws.DynamoDb;
using ImageLabelsLive.Core.Images;

namespace ImageLabelsLive.Functions.Hosting;

/// <summary>
/// Runs a stream consumer over a batch in order. The first record that throws, or cannot be read at all
/// (a poison record), is reported as the batch item failure: Lambda then retries from it, bisecting
/// and finally sending it to the on-failure destination, while the records before it stay done.
/// </summary>
internal static class StreamBatches
{
    public static async Task<StreamsEventResponse> HandleInOrderAsync(
        string function,
        DynamoDBEvent streamEvent,
        Func<ImageChange, CancellationToken, Task> handle,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(streamEvent);
        var response = new StreamsEventResponse { BatchItemFailures = [] };
        foreach (var record in streamEvent.Records ?? [])
        {
            if (record is null)
            {
                // Not a record at all, so there is nothing to handle and no sequence number to report.
                FunctionLog.Error(function, "skipped a null entry in Records");
                continue;
            }
            try
            {
                var change = new ImageChange(StreamImages.ToRecord(record.Dynamodb?.OldImage), StreamImages.ToRecord(record.Dynamodb?.NewImage));
                await handle(change, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                FunctionLog.Error(function, $"record {record.Dynamodb?.SequenceNumber} failed; reporting it for retry", exception);
                response.BatchItemFailures.Add(new StreamsEventResponse.BatchItemFailure { ItemIdentifier = record.Dynamodb?.SequenceNumber });
                break;
            }
        }
        return response;
    }
}
