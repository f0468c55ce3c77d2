using System.Net;
using Amazon.Lambda.S3Events;
using ImageLabelsLive.Aws.Serialization;
using ImageLabelsLive.Core.Processing;
using ImageLabelsLive.Functions.Catalog;
using ImageLabelsLive.Functions.Hosting;

namespace ImageLabelsLive.Functions.ProcessImage;

/// <summary>
/// S3 ObjectCreated on uploads/: labels each uploaded image. Every record is tried; if any failed for a
/// reason that may pass (throttling, an outage) the invocation throws so Lambda retries the event, and
/// the records already done see their final status and change nothing.
/// </summary>
public sealed class ProcessImageFunction(ProcessUploadHandler handler) : ILambdaFunction
{
    public ProcessImageFunction()
        : this(FunctionContainer.Instance.ProcessUpload())
    {
    }

    public Task<Stream> HandleAsync(Stream input) =>
        LambdaStreams.HandleAsync(input, LambdaJson.Default.S3Event, HandleAsync);

    public async Task HandleAsync(S3Event s3Event, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(s3Event);
        var failures = new List<Exception>();
        foreach (var record in s3Event.Records ?? [])
        {
            if (record?.S3?.Bucket?.Name is not { Length: > 0 } bucket || record.S3.Object?.Key is not { Length: > 0 } encodedKey)
            {
                FunctionLog.Error(nameof(ProcessImageFunction), "skipped a record without bucket or key");
                continue;
            }
            // S3 URL-encodes keys in events, spaces as '+'.
            var key = WebUtility.UrlDecode(encodedKey);
            try
            {
                var outcome = await handler.HandleAsync(new UploadedObject(bucket, key, record.S3.Object.Size), cancellationToken).ConfigureAwait(false);
                FunctionLog.Info(nameof(ProcessImageFunction), $"{key}: {outcome}");
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                FunctionLog.Error(nameof(ProcessImageFunction), $"{key}: will be retried", exception);
                failures.Add(exception);
            }
        }
        if (failures.Count > 0)
        {
            throw new AggregateException("Some uploads could not be processed yet; Lambda will retry the event.", failures);
        }
    }
}
