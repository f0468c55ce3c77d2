namespace ImageLabelsLive.Core.Images;

/// <summary>What the detector saw: confidence is 0–100, as Rekognition reports it.</summary>
public sealed record Label(string Name, double Confidence, IReadOnlyList<string> Parents, IReadOnlyList<LabelInstance> Instances)
{
    /// <summary>The names of Rekognition's LabelCategory objects ("Animals and Pets").</summary>
    public IReadOnlyList<string> Categories { get; init; } = [];

    /// <summary>The names of Rekognition's LabelAlias objects (other names for the same thing).</summary>
    public IReadOnlyList<string> Aliases { get; init; } = [];
}

/// <summary>One occurrence of a label in the image.</summary>
public sealed record LabelInstance(double Confidence, BoundingBox BoundingBox);

/// <summary>A box as ratios of the image's width and height, each in 0–1.</summary>
public sealed record BoundingBox(double Left, double Top, double Width, double Height)
{
    /// <summary>Clamps the box inside the image; detectors may overshoot an edge by a pixel.</summary>
    public BoundingBox ClampToImage()
    {
        var left = Math.Clamp(Left, 0, 1);
        var top = Math.Clamp(Top, 0, 1);
        return new BoundingBox(left, top, Math.Clamp(Width, 0, 1 - left), Math.Clamp(Height, 0, 1 - top));
    }
}

/// <summary>Turns a detector's raw answer into the labels an image record keeps.</summary>
public static class LabelSet
{
    /// <summary>
    /// Highest confidence first, names unique, confidences within 0–100 and rounded to 0.01,
    /// boxes clamped to the image and empty boxes dropped.
    /// </summary>
    public static IReadOnlyList<Label> Normalize(IEnumerable<Label> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        return labels
            .Where(label => !string.IsNullOrWhiteSpace(label.Name))
            .GroupBy(label => label.Name.Trim(), StringComparer.Ordinal)
            .Select(group => group.MaxBy(label => label.Confidence)!)
            .Select(label => new Label(
                label.Name.Trim(),
                RoundConfidence(label.Confidence),
                label.Parents.Where(parent => !string.IsNullOrWhiteSpace(parent)).Distinct(StringComparer.Ordinal).ToArray(),
                label.Instances
                    .Select(instance => new LabelInstance(RoundConfidence(instance.Confidence), instance.BoundingBox.ClampToImage()))
                    .Where(instance => instance.BoundingBox.Width > 0 && instance.BoundingBox.Height > 0)
                    .OrderByDescending(instance => instance.Confidence)
                    .ToArray())
            {
                Categories = Names(label.Categories),
                Aliases = Names(label.Aliases),
            })
            .OrderByDescending(label => label.Confidence)
            .ThenBy(label => label.Name, StringComparer.Ordinal)
            .ToArray();
    }

    private static string[] Names(IReadOnlyList<string> names) =>
        names.Where(name => !string.IsNullOrWhiteSpace(name)).Select(name => name.Trim()).Distinct(StringComparer.Ordinal).ToArray();

    internal static double RoundConfidence(double confidence) => Math.Round(Math.Clamp(confidence, 0, 100), 2);
}
