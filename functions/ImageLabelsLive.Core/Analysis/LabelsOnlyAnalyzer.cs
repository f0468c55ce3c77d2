using ImageLabelsLive.Core.Images;
using ImageLabelsLive.Core.Ports;

namespace ImageLabelsLive.Core.Analysis;

/// <summary>
/// An <see cref="ILabelDetector"/> seen as an analyzer that can only label: what ProcessUploadHandler uses when it is given
/// a label detector alone, with every other analysis switched off.
/// </summary>
public sealed class LabelsOnlyAnalyzer(ILabelDetector detector) : IImageAnalyzer
{
    public async Task<LabelsAndProperties> DetectLabelsAsync(string bucket, string key, LabelFeatures features, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(features);
        var labels = features.GeneralLabels ? await detector.DetectAsync(bucket, key, cancellationToken).ConfigureAwait(false) : [];
        return new LabelsAndProperties(labels, null);
    }

    public Task<IReadOnlyList<Face>> DetectFacesAsync(string bucket, string key, CancellationToken cancellationToken) => throw Unsupported("faces");

    public Task<IReadOnlyList<TextLine>> DetectTextAsync(string bucket, string key, CancellationToken cancellationToken) => throw Unsupported("text");

    public Task<IReadOnlyList<ModerationLabel>> DetectModerationLabelsAsync(string bucket, string key, CancellationToken cancellationToken) =>
        throw Unsupported("moderation");

    private static NotSupportedException Unsupported(string analysis) =>
        new($"A label detector cannot look for {analysis}; switch that analysis off or give ProcessUploadHandler an IImageAnalyzer.");
}
