using ImageLabelsLive.Core.Images;
using ImageLabelsLive.Core.Ports;

namespace ImageLabelsLive.Core.Tests.Analysis;

/// <summary>An analyzer at the port: each analysis answers what it is given, or throws what it is given, and records that it was asked.</summary>
internal sealed class ScriptedAnalyzer : IImageAnalyzer
{
    public LabelsAndProperties Labels { get; set; } = new([Testing.Fakes.Samples.Cat], new ImageProperties(new ImageQuality(12, 80, 40), [new DominantColor("#0d0d0d", "black", "black", 61.25)]));
    public IReadOnlyList<Face> Faces { get; set; } = [new Face(99.1, new BoundingBox(0.2, 0.1, 0.3, 0.4)) { AgeRange = new AgeRange(25, 35), Emotions = [new Emotion("CALM", 20), new Emotion("HAPPY", 90)] }];
    public IReadOnlyList<TextLine> Text { get; set; } = [new TextLine("OPEN", 97, new BoundingBox(0.1, 0.5, 0.2, 0.1)), new TextLine("SHOP", 95, new BoundingBox(0.1, 0.1, 0.2, 0.1))];
    public IReadOnlyList<ModerationLabel> Moderation { get; set; } = [];
    public Dictionary<string, Exception> Failures { get; } = new(StringComparer.Ordinal);
    public List<string> Asked { get; } = [];
    public LabelFeatures? LabelFeaturesAsked { get; private set; }

    /// <summary>When set, every call waits for it, so a test can see that all were started before any finished.</summary>
    public TaskCompletionSource? Gate { get; set; }

    public async Task<LabelsAndProperties> DetectLabelsAsync(string bucket, string key, LabelFeatures features, CancellationToken cancellationToken)
    {
        LabelFeaturesAsked = features;
        return await Answer("labels", Labels);
    }

    public Task<IReadOnlyList<Face>> DetectFacesAsync(string bucket, string key, CancellationToken cancellationToken) => Answer("faces", Faces);

    public Task<IReadOnlyList<TextLine>> DetectTextAsync(string bucket, string key, CancellationToken cancellationToken) => Answer("text", Text);

    public Task<IReadOnlyList<ModerationLabel>> DetectModerationLabelsAsync(string bucket, string key, CancellationToken cancellationToken) => Answer("moderation", Moderation);

    private async Task<T> Answer<T>(string name, T value)
    {
        lock (Asked)
        {
            Asked.Add(name);
        }
        if (Gate is { } gate)
        {
            await gate.Task;
        }
        return Failures.TryGetValue(name, out var failure) ? throw failure : value;
    }
}
