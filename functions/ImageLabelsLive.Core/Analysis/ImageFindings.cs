using ImageLabelsLive.Core.Images;

namespace ImageLabelsLive.Core.Analysis;

/// <summary>What the analyses of one image found, which ran, and why any that failed did.</summary>
public sealed record ImageFindings
{
    public IReadOnlyList<Label> Labels { get; init; } = [];
    public IReadOnlyList<Face> Faces { get; init; } = [];
    public IReadOnlyList<TextLine> Text { get; init; } = [];
    public IReadOnlyList<ModerationLabel> Moderation { get; init; } = [];
    public ImageProperties? ImageProperties { get; init; }
    public ImageAnalyses Analyses { get; init; } = ImageAnalyses.AllOff;

    /// <summary>Keyed by analysis name (<see cref="AnalysisNames"/>); null when none failed.</summary>
    public IReadOnlyDictionary<string, ImageError>? Errors { get; init; }

    /// <summary>True when at least one analysis was asked for and none of them ran.</summary>
    public bool NothingRan =>
        Errors is { Count: > 0 }
        && !new[] { Analyses.Labels, Analyses.Faces, Analyses.Text, Analyses.Moderation, Analyses.ImageProperties }.Contains(AnalysisState.Done);

    public ImageRecord ApplyTo(ImageRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return record with
        {
            Labels = Labels,
            Faces = Faces,
            Text = Text,
            Moderation = Moderation,
            ImageProperties = ImageProperties,
            Analyses = Analyses,
            AnalysisErrors = Errors,
        };
    }
}
