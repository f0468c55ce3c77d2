using System.Diagnostics;
using Amazon.Rekognition.Model;
using Amazon.Runtime;
using ImageLabelsLive.Core.Images;
using ImageLabelsLive.Core.Ports;
using Polly;
using Polly.Retry;

namespace ImageLabelsLive.Aws.Detection;

/// <summary>
/// How every Rekognition call of ProcessImage is made. Errors about the image become a readable rejection
/// (<see cref="ImageRejectedException"/>). Throttling and outages are retried with jittered backoff for up to
/// <paramref name="patience"/> (a detector restart, a burst of uploads over the service's rate) and then reported as
/// <see cref="LabelingUnavailableException"/>; with no patience they propagate at once for the platform to retry.
/// </summary>
internal sealed class RekognitionRetry(TimeSpan patience)
{
    private static readonly ResiliencePropertyKey<long> StartedAt = new("rekognition-call-started");

    private readonly ResiliencePipeline retry = new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = arguments => ValueTask.FromResult(
                arguments.Outcome.Exception is { } exception
                && IsTransient(exception, arguments.Context.CancellationToken)
                && Stopwatch.GetElapsedTime(arguments.Context.Properties.GetValue(StartedAt, 0)) < patience),
            MaxRetryAttempts = int.MaxValue,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = TimeSpan.FromMilliseconds(250),
            MaxDelay = TimeSpan.FromSeconds(3),
        })
        .Build();

    public async Task<T> CallAsync<T>(string operation, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(StartedAt, Stopwatch.GetTimestamp());
        try
        {
            return await retry.ExecuteAsync(
                static async (context, call) => await call(context.CancellationToken).ConfigureAwait(false),
                context,
                call).ConfigureAwait(false);
        }
        catch (Exception exception) when (patience > TimeSpan.Zero && IsTransient(exception, cancellationToken))
        {
            throw new LabelingUnavailableException(
                $"{operation} stayed unavailable for {patience.TotalSeconds:0.#} s of retries: {exception.Message}", exception);
        }
        catch (InvalidImageFormatException exception)
        {
            throw Rejected("InvalidImageFormat", "The file could not be read as an image; it may be damaged or not really a JPEG or PNG.", exception);
        }
        catch (ImageTooLargeException exception)
        {
            throw Rejected("ImageTooLarge", "The image is too large to label; images up to 15 MB and 10,000 pixels a side can be labeled.", exception);
        }
        catch (InvalidS3ObjectException exception)
        {
            throw Rejected("ImageUnavailable", "The uploaded file could not be read back; upload it again.", exception);
        }
        catch (InvalidParameterException exception)
        {
            throw Rejected("ImageNotSupported", "The image cannot be labeled; it may be too small (at least 80 pixels a side).", exception);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>Throttling, server errors, refused or dropped connections and client timeouts: worth another try.</summary>
    private static bool IsTransient(Exception exception, CancellationToken cancellationToken) => exception switch
    {
        ThrottlingException or ProvisionedThroughputExceededException or InternalServerErrorException => true,
        // LimitExceededException is no modeled error of DetectLabels/Faces/Text/ModerationLabels, so the SDK's response
        // unmarshallers never raise that type for them: it arrives as an AmazonRekognitionException with this code.
        AmazonServiceException { ErrorCode: "LimitExceededException" } => true,
        AmazonServiceException service => (int)service.StatusCode is 429 or >= 500,
        HttpRequestException => true,
        // An HttpClient timeout, not the caller giving up.
        OperationCanceledException => !cancellationToken.IsCancellationRequested,
        _ => false,
    };

    private static ImageRejectedException Rejected(string code, string message, Exception inner) => new(new ImageError(code, message), inner);
}
