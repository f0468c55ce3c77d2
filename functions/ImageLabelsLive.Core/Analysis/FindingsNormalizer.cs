using ImageLabelsLive.Core.Images;

namespace ImageLabelsLive.Core.Analysis;

/// <summary>
/// Turns a detector's raw faces, text and colours into what a record keeps, as <see cref="LabelSet"/> does for labels:
/// confidences within 0–100 rounded to 0.01, boxes clamped to the image, empty boxes and empty text dropped, most confident first.
/// </summary>
public static class FindingsNormalizer
{
    public static IReadOnlyList<Face> Faces(IEnumerable<Face> faces)
    {
        ArgumentNullException.ThrowIfNull(faces);
        return faces
            .Select(face => face with
            {
                Confidence = Round(face.Confidence),
                BoundingBox = face.BoundingBox.ClampToImage(),
                AgeRange = face.AgeRange is { } age && age.Low >= 0 && age.High >= age.Low ? age : null,
                Emotions = face.Emotions
                    .Where(emotion => !string.IsNullOrWhiteSpace(emotion.Type))
                    .Select(emotion => emotion with { Confidence = Round(emotion.Confidence) })
                    .OrderByDescending(emotion => emotion.Confidence)
                    .ToArray(),
                Smile = Attribute(face.Smile),
                Eyeglasses = Attribute(face.Eyeglasses),
                Sunglasses = Attribute(face.Sunglasses),
            })
            .Where(face => HasArea(face.BoundingBox))
            .OrderByDescending(face => face.Confidence)
            .ToArray();
    }

    /// <summary>Lines in reading order (top to bottom, then left to right), as a person would copy them.</summary>
    public static IReadOnlyList<TextLine> Text(IEnumerable<TextLine> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        return lines
            .Where(line => !string.IsNullOrWhiteSpace(line.DetectedText))
            .Select(line => new TextLine(line.DetectedText.Trim(), Round(line.Confidence), line.BoundingBox.ClampToImage()))
            .Where(line => HasArea(line.BoundingBox))
            .OrderBy(line => Math.Round(line.BoundingBox.Top, 2))
            .ThenBy(line => line.BoundingBox.Left)
            .ToArray();
    }

    public static IReadOnlyList<ModerationLabel> Moderation(IEnumerable<ModerationLabel> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        return labels
            .Where(label => !string.IsNullOrWhiteSpace(label.Name))
            .Select(label => new ModerationLabel(label.Name.Trim(), label.ParentName?.Trim() ?? "", Round(label.Confidence), label.TaxonomyLevel))
            .OrderBy(label => label.TaxonomyLevel)
            .ThenByDescending(label => label.Confidence)
            .ToArray();
    }

    public static ImageProperties? Properties(ImageProperties? properties) =>
        properties is null
            ? null
            : new ImageProperties(
                properties.Quality is { } quality ? new ImageQuality(Round(quality.Brightness), Round(quality.Sharpness), Round(quality.Contrast)) : null,
                properties.DominantColors
                    .Where(color => !string.IsNullOrWhiteSpace(color.HexCode))
                    .Select(color => color with { PixelPercent = Round(color.PixelPercent) })
                    .OrderByDescending(color => color.PixelPercent)
                    .ToArray());

    private static FaceTrait? Attribute(FaceTrait? attribute) => attribute is null ? null : attribute with { Confidence = Round(attribute.Confidence) };

    private static bool HasArea(BoundingBox box) => box.Width > 0 && box.Height > 0;

    private static double Round(double value) => LabelSet.RoundConfidence(value);
}
