using System.Text.Json.Serialization;

namespace ImageLabelsLive.Core.Images;

/// <summary>A face (DetectFaces with attributes ALL): where it is, the estimated age range and the emotions it appears to show. No gender, by design.</summary>
public sealed record Face(double Confidence, BoundingBox BoundingBox)
{
    /// <summary>Null when the detector gave no age.</summary>
    public AgeRange? AgeRange { get; init; }

    /// <summary>Rekognition's EmotionName values (HAPPY, CALM…), most confident first.</summary>
    public IReadOnlyList<Emotion> Emotions { get; init; } = [];

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public FaceTrait? Smile { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public FaceTrait? Eyeglasses { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public FaceTrait? Sunglasses { get; init; }

    /// <summary>The most confident emotion, if any.</summary>
    [JsonIgnore]
    public Emotion? TopEmotion => Emotions.Count > 0 ? Emotions[0] : null;
}

/// <summary>Years.</summary>
public sealed record AgeRange(int Low, int High);

public sealed record Emotion(string Type, double Confidence);

/// <summary>A yes/no attribute of a face with how sure the detector is.</summary>
public sealed record FaceTrait(bool Value, double Confidence);

/// <summary>One line of text found in the image (DetectText's LINE detections).</summary>
public sealed record TextLine(string DetectedText, double Confidence, BoundingBox BoundingBox);

/// <summary>An unsafe-content label in Rekognition's moderation taxonomy; ParentName is empty at the top level.</summary>
public sealed record ModerationLabel(string Name, string ParentName, double Confidence, int TaxonomyLevel);

/// <summary>DetectLabels' IMAGE_PROPERTIES: quality and dominant colours of the whole image.</summary>
public sealed record ImageProperties(ImageQuality? Quality, IReadOnlyList<DominantColor> DominantColors);

/// <summary>Each 0–100.</summary>
public sealed record ImageQuality(double Brightness, double Sharpness, double Contrast);

/// <summary>HexCode as Rekognition writes it ("#0d0d0d"); CSS and simplified names when known.</summary>
public sealed record DominantColor(string HexCode, string? CssColor, string? SimplifiedColor, double PixelPercent);

/// <summary>Whether an analysis ran for an image.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AnalysisState>))]
public enum AnalysisState
{
    [JsonStringEnumMemberName("done")] Done = 0,
    [JsonStringEnumMemberName("off")] Off = 1,
    [JsonStringEnumMemberName("failed")] Failed = 2,
}

/// <summary>Which analyses ran for an image: a list is empty with "done" when nothing was found, and empty with "off" or "failed" when it did not run.</summary>
public sealed record ImageAnalyses(AnalysisState Labels, AnalysisState Faces, AnalysisState Text, AnalysisState Moderation, AnalysisState ImageProperties)
{
    public static ImageAnalyses AllOff { get; } = new(AnalysisState.Off, AnalysisState.Off, AnalysisState.Off, AnalysisState.Off, AnalysisState.Off);
}

/// <summary>The names of the analyses, as the record's "analyses" and "analysisErrors" members spell them.</summary>
public static class AnalysisNames
{
    public const string Labels = "labels";
    public const string Faces = "faces";
    public const string Text = "text";
    public const string Moderation = "moderation";
    public const string ImageProperties = "imageProperties";

    public static IReadOnlyList<string> All { get; } = [Labels, Faces, Text, Moderation, ImageProperties];
}

public static class AnalysisStateNames
{
    public static string ToWire(this AnalysisState state) => state switch
    {
        AnalysisState.Done => "done",
        AnalysisState.Off => "off",
        AnalysisState.Failed => "failed",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "Unknown analysis state."),
    };

    public static AnalysisState Parse(string? wire) => wire switch
    {
        "done" => AnalysisState.Done,
        "failed" => AnalysisState.Failed,
        _ => AnalysisState.Off,
    };
}
