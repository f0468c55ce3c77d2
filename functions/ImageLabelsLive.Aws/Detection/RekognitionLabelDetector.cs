using System.Diagnostics;
using Amazon.Rekognition;
using Amazon.Rekognition.Model;
using Amazon.Runtime;
using ImageLabelsLive.Core.Images;
using ImageLabelsLive.Core.Ports;
using Polly;
using Polly.Retry;
using CoreLabel = ImageLabelsLive.Core.Images.Label;
using CoreBoundingBox = ImageLabelsLive.Core.Images.BoundingBox;

namespace ImageLabelsLive.Aws.Detection;

/// <summary>
/// DetectLabels on the uploaded object, by S3 reference (the bytes never pass through Lambda).
/// Errors about the image become a readable rejection. Throttling and outages are retried with jittered
/// backoff for up to <paramref name="patience"/> (a detector restart, a burst of uploads over the service's
/// rate) and then reported as <see cref="LabelingUnavailableException"/>; with no patience they propagate
/// at once for the platform to retry.
/// </summary>
public sealed class RekognitionLabelDetector(IAmazonRekognition rekognition, int maxLabels, float minConfidence, TimeSpan patience = default) : ILabelDetector
{
    private static readonly ResiliencePropertyKey<long> StartedAt = new("detect-labels-started");

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

    public async Task<IReadOnlyList<CoreLabel>> DetectAsync(string bucket, string key, CancellationToken cancellationToken)
    {
        var request = new DetectLabelsRequest
        {
            Image = new Image { S3Object = new S3Object { Bucket = bucket, Name = key } },
            MaxLabels = maxLabels,
            MinConfidence = minConfidence,
        };
        DetectLabelsResponse response;
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(StartedAt, Stopwatch.GetTimestamp());
        try
        {
            response = await retry.ExecuteAsync(
                static async (context, state) => await state.rekognition.DetectLabelsAsync(state.request, context.CancellationToken).ConfigureAwait(false),
                context,
                (rekognition, request)).ConfigureAwait(false);
        }
        catch (Exception exception) when (patience > TimeSpan.Zero && IsTransient(exception, cancellationToken))
        {
            throw new LabelingUnavailableException(
                $"DetectLabels stayed unavailable for {patience.TotalSeconds:0.#} s of retries: {exception.Message}", exception);
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
        return ToLabels(response);
    }

    /// <summary>Throttling, server errors, refused or dropped connections and client timeouts: worth another try.</summary>
    private static bool IsTransient(Exception exception, CancellationToken cancellationToken) => exception switch
    {
        ThrottlingException or ProvisionedThroughputExceededException or LimitExceededException or InternalServerErrorException => true,
        AmazonServiceException service => (int)service.StatusCode is 429 or >= 500,
        HttpRequestException => true,
        // An HttpClient timeout, not the caller giving up.
        OperationCanceledException => !cancellationToken.IsCancellationRequested,
        _ => false,
    };

    /// <summary>Maps Rekognition's answer onto the domain's labels.</summary>
    public static IReadOnlyList<CoreLabel> ToLabels(DetectLabelsResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return (response.Labels ?? []).Select(label => new CoreLabel(
            label.Name ?? "",
            label.Confidence ?? 0,
            (label.Parents ?? []).Select(parent => parent.Name ?? "").ToArray(),
            (label.Instances ?? [])
                .Where(instance => instance.BoundingBox is not null)
                .Select(instance => new LabelInstance(
                    instance.Confidence ?? label.Confidence ?? 0,
                    new CoreBoundingBox(
                        instance.BoundingBox!.Left ?? 0,
                        instance.BoundingBox.Top ?? 0,
                        instance.BoundingBox.Width ?? 0,
                        instance.BoundingBox.Height ?? 0)))
                .ToArray()))
            .ToArray();
    }

    private static ImageRejectedException Rejected(string code, string message, Exception inner) => new(new ImageError(code, message), inner);
}
