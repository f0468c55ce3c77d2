using ImageLabelsLive.Core.Images;

namespace ImageLabelsLive.Core.Ports;

/// <summary>
/// Everything a stored image can be asked about (Rekognition on AWS, the detector sidecar locally), one call per
/// analysis so they can run in parallel. Each call throws <see cref="ImageRejectedException"/> when the image itself
/// is the problem and <see cref="LabelingUnavailableException"/> when the service stayed throttled or unreachable
/// for as long as the adapter retried; anything else is unexpected.
/// </summary>
public interface IImageAnalyzer
{
    /// <summary>One DetectLabels call for labels, image properties or both: Rekognition answers both from one request.</summary>
    Task<LabelsAndProperties> DetectLabelsAsync(string bucket, string key, LabelFeatures features, CancellationToken cancellationToken);

    Task<IReadOnlyList<Face>> DetectFacesAsync(string bucket, string key, CancellationToken cancellationToken);

    /// <summary>Lines of text.</summary>
    Task<IReadOnlyList<TextLine>> DetectTextAsync(string bucket, string key, CancellationToken cancellationToken);

    Task<IReadOnlyList<ModerationLabel>> DetectModerationLabelsAsync(string bucket, string key, CancellationToken cancellationToken);
}

/// <summary>Which of DetectLabels' features to ask for.</summary>
public sealed record LabelFeatures(bool GeneralLabels, bool ImageProperties);

/// <summary>DetectLabels' answer: labels (empty when not asked for) and image properties (null when not asked for).</summary>
public sealed record LabelsAndProperties(IReadOnlyList<Label> Labels, ImageProperties? ImageProperties);
