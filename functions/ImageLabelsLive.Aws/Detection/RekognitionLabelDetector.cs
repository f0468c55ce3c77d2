using Amazon.Rekognition;
using Amazon.Rekognition.Model;
using ImageLabelsLive.Core.Images;
using ImageLabelsLive.Core.Ports;
using CoreLabel = ImageLabelsLive.Core.Images.Label;
using CoreBoundingBox = ImageLabelsLive.Core.Images.BoundingBox;

namespace ImageLabelsLive.Aws.Detection;

/// <summary>
/// DetectLabels on the uploaded object, by S3 reference (the bytes never pass through Lambda).
/// Errors about the image become a readable rejection; throttling and outages propagate for retry.
/// </summary>
public sealed class RekognitionLabelDetector(IAmazonRekognition rekognition, int maxLabels, float minConfidence) : ILabelDetector
{
    public async Task<IReadOnlyList<CoreLabel>> DetectAsync(string bucket, string key, CancellationToken cancellationToken)
    {
        DetectLabelsResponse response;
        try
        {
            response = await rekognition.DetectLabelsAsync(new DetectLabelsRequest
            {
                Image = new Image { S3Object = new S3Object { Bucket = bucket, Name = key } },
                MaxLabels = maxLabels,
                MinConfidence = minConfidence,
            }, cancellationToken).ConfigureAwait(false);
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
        return ToLabels(response);
    }

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
