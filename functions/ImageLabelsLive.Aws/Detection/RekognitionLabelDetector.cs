using Amazon.Rekognition;
using Amazon.Rekognition.Model;
using ImageLabelsLive.Core.Images;
using ImageLabelsLive.Core.Ports;
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
    private readonly RekognitionRetry retry = new(patience);

    public async Task<IReadOnlyList<CoreLabel>> DetectAsync(string bucket, string key, CancellationToken cancellationToken)
    {
        var request = new DetectLabelsRequest
        {
            Image = new Image { S3Object = new S3Object { Bucket = bucket, Name = key } },
            MaxLabels = maxLabels,
            MinConfidence = minConfidence,
        };
        var response = await retry.CallAsync("DetectLabels", token => rekognition.DetectLabelsAsync(request, token), cancellationToken).ConfigureAwait(false);
        return ToLabels(response);
    }

    /// <summary>Maps Rekognition's answer onto the domain's labels, with their categories and aliases.</summary>
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
                .ToArray())
        {
            Categories = (label.Categories ?? []).Select(category => category.Name ?? "").ToArray(),
            Aliases = (label.Aliases ?? []).Select(alias => alias.Name ?? "").ToArray(),
        })
            .ToArray();
    }
}
