using Amazon.Rekognition;
using Amazon.Rekognition.Model;
using ImageLabelsLive.Core.Images;
using ImageLabelsLive.Core.Ports;
using CoreBoundingBox = ImageLabelsLive.Core.Images.BoundingBox;
using CoreModerationLabel = ImageLabelsLive.Core.Images.ModerationLabel;
using CoreEmotion = ImageLabelsLive.Core.Images.Emotion;
using CoreAgeRange = ImageLabelsLive.Core.Images.AgeRange;
using CoreDominantColor = ImageLabelsLive.Core.Images.DominantColor;
using CoreImageProperties = ImageLabelsLive.Core.Images.ImageProperties;

namespace ImageLabelsLive.Aws.Detection;

/// <summary>
/// Every analysis ProcessImage asks Rekognition for, on the uploaded object by S3 reference: DetectLabels (GENERAL_LABELS
/// and/or IMAGE_PROPERTIES in one call), DetectFaces with attributes ALL, DetectText and DetectModerationLabels. Each call
/// is retried and its errors mapped as <see cref="RekognitionRetry"/> describes; the answers are mapped onto the domain here.
/// </summary>
public sealed class RekognitionImageAnalyzer(IAmazonRekognition rekognition, int maxLabels, float minConfidence, TimeSpan patience = default) : IImageAnalyzer
{
    /// <summary>Rekognition's own default; nsfw-style flags below it are noise.</summary>
    public const float ModerationMinConfidence = 50;

    private readonly RekognitionRetry retry = new(patience);

    public async Task<LabelsAndProperties> DetectLabelsAsync(string bucket, string key, LabelFeatures features, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(features);
        var request = new DetectLabelsRequest
        {
            Image = ImageAt(bucket, key),
            Features = [],
        };
        if (features.GeneralLabels)
        {
            request.Features.Add(DetectLabelsFeatureName.GENERAL_LABELS.Value);
            request.MaxLabels = maxLabels;
            request.MinConfidence = minConfidence;
        }
        if (features.ImageProperties)
        {
            request.Features.Add(DetectLabelsFeatureName.IMAGE_PROPERTIES.Value);
            request.Settings = new DetectLabelsSettings { ImageProperties = new DetectLabelsImagePropertiesSettings { MaxDominantColors = 5 } };
        }
        var response = await retry.CallAsync("DetectLabels", token => rekognition.DetectLabelsAsync(request, token), cancellationToken).ConfigureAwait(false);
        return new LabelsAndProperties(
            features.GeneralLabels ? RekognitionLabelDetector.ToLabels(response) : [],
            features.ImageProperties ? ToImageProperties(response.ImageProperties) : null);
    }

    public async Task<IReadOnlyList<Face>> DetectFacesAsync(string bucket, string key, CancellationToken cancellationToken)
    {
        var request = new DetectFacesRequest { Image = ImageAt(bucket, key), Attributes = [Amazon.Rekognition.Attribute.ALL.Value] };
        var response = await retry.CallAsync("DetectFaces", token => rekognition.DetectFacesAsync(request, token), cancellationToken).ConfigureAwait(false);
        return ToFaces(response);
    }

    public async Task<IReadOnlyList<TextLine>> DetectTextAsync(string bucket, string key, CancellationToken cancellationToken)
    {
        var request = new DetectTextRequest { Image = ImageAt(bucket, key) };
        var response = await retry.CallAsync("DetectText", token => rekognition.DetectTextAsync(request, token), cancellationToken).ConfigureAwait(false);
        return ToTextLines(response);
    }

    public async Task<IReadOnlyList<CoreModerationLabel>> DetectModerationLabelsAsync(string bucket, string key, CancellationToken cancellationToken)
    {
        var request = new DetectModerationLabelsRequest { Image = ImageAt(bucket, key), MinConfidence = ModerationMinConfidence };
        var response = await retry.CallAsync("DetectModerationLabels", token => rekognition.DetectModerationLabelsAsync(request, token), cancellationToken).ConfigureAwait(false);
        return ToModerationLabels(response);
    }

    /// <summary>Faces with their box, age range, emotions and the smile and glasses attributes. Gender is never kept.</summary>
    public static IReadOnlyList<Face> ToFaces(DetectFacesResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return (response.FaceDetails ?? [])
            .Where(face => face.BoundingBox is not null)
            .Select(face => new Face(face.Confidence ?? 0, ToBox(face.BoundingBox!))
            {
                AgeRange = face.AgeRange is { Low: { } low, High: { } high } ? new CoreAgeRange(low, high) : null,
                Emotions = (face.Emotions ?? [])
                    .Where(emotion => emotion.Type is not null)
                    .Select(emotion => new CoreEmotion(emotion.Type!.Value, emotion.Confidence ?? 0))
                    .ToArray(),
                Smile = face.Smile is { Value: { } smiling } smile ? new FaceTrait(smiling, smile.Confidence ?? 0) : null,
                Eyeglasses = face.Eyeglasses is { Value: { } wearing } glasses ? new FaceTrait(wearing, glasses.Confidence ?? 0) : null,
                Sunglasses = face.Sunglasses is { Value: { } shaded } sunglasses ? new FaceTrait(shaded, sunglasses.Confidence ?? 0) : null,
            })
            .ToArray();
    }

    /// <summary>The LINE detections; words are parts of lines and would repeat them.</summary>
    public static IReadOnlyList<TextLine> ToTextLines(DetectTextResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return (response.TextDetections ?? [])
            .Where(detection => detection.Type == TextTypes.LINE && detection.Geometry?.BoundingBox is not null && detection.DetectedText is not null)
            .Select(detection => new TextLine(detection.DetectedText!, detection.Confidence ?? 0, ToBox(detection.Geometry!.BoundingBox!)))
            .ToArray();
    }

    public static IReadOnlyList<CoreModerationLabel> ToModerationLabels(DetectModerationLabelsResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return (response.ModerationLabels ?? [])
            .Where(label => label.Name is not null)
            .Select(label => new CoreModerationLabel(
                label.Name!,
                label.ParentName ?? "",
                label.Confidence ?? 0,
                // Answers from before taxonomy levels: a label with no parent is top level.
                label.TaxonomyLevel ?? (string.IsNullOrEmpty(label.ParentName) ? 1 : 2)))
            .ToArray();
    }

    public static CoreImageProperties? ToImageProperties(DetectLabelsImageProperties? properties) =>
        properties is null
            ? null
            : new CoreImageProperties(
                properties.Quality is { } quality
                    ? new ImageLabelsLive.Core.Images.ImageQuality(quality.Brightness ?? 0, quality.Sharpness ?? 0, quality.Contrast ?? 0)
                    : null,
                (properties.DominantColors ?? [])
                    .Where(color => color.HexCode is not null)
                    .Select(color => new CoreDominantColor(color.HexCode!, color.CSSColor, color.SimplifiedColor, color.PixelPercent ?? 0))
                    .ToArray());

    private static Image ImageAt(string bucket, string key) => new() { S3Object = new S3Object { Bucket = bucket, Name = key } };

    private static CoreBoundingBox ToBox(Amazon.Rekognition.Model.BoundingBox box) => new(box.Left ?? 0, box.Top ?? 0, box.Width ?? 0, box.Height ?? 0);
}
