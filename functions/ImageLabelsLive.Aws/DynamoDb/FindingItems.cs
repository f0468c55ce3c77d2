using System.Globalization;
using Amazon.DynamoDBv2.Model;
using ImageLabelsLive.Core.Images;

namespace ImageLabelsLive.Aws.DynamoDb;

/// <summary>
/// The analyses' findings (faces, text, moderation, image properties, which analyses ran and why any failed) as
/// attributes of the image item, named as in the web API, and back. A record that has not been analysed has none
/// of them, and reads back with empty lists and no analyses.
/// </summary>
public static class FindingItems
{
    public const string Faces = "faces";
    public const string Text = "text";
    public const string Moderation = "moderation";
    public const string ImageProperties = "imageProperties";
    public const string Analyses = "analyses";
    public const string AnalysisErrors = "analysisErrors";

    public static IReadOnlyList<string> Names { get; } = [Faces, Text, Moderation, ImageProperties, Analyses, AnalysisErrors];

    /// <summary>The attributes to write for <paramref name="record"/>; empty until it has been analysed.</summary>
    public static Dictionary<string, AttributeValue> Attributes(ImageRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var attributes = new Dictionary<string, AttributeValue>(StringComparer.Ordinal);
        if (record.Analyses is not { } analyses)
        {
            return attributes;
        }
        attributes[Faces] = List(record.Faces, FaceMap);
        attributes[Text] = List(record.Text, line => Map(("detectedText", S(line.DetectedText)), ("confidence", N(line.Confidence)), ("boundingBox", Box(line.BoundingBox))));
        attributes[Moderation] = List(record.Moderation, label => Map(
            ("name", S(label.Name)), ("parentName", S(label.ParentName)), ("confidence", N(label.Confidence)), ("taxonomyLevel", N(label.TaxonomyLevel))));
        attributes[Analyses] = Map(
            (AnalysisNames.Labels, S(analyses.Labels.ToWire())),
            (AnalysisNames.Faces, S(analyses.Faces.ToWire())),
            (AnalysisNames.Text, S(analyses.Text.ToWire())),
            (AnalysisNames.Moderation, S(analyses.Moderation.ToWire())),
            (AnalysisNames.ImageProperties, S(analyses.ImageProperties.ToWire())));
        if (record.ImageProperties is { } properties)
        {
            var fields = new List<(string, AttributeValue)>
            {
                ("dominantColors", List(properties.DominantColors, color => Map(
                    ("hexCode", S(color.HexCode)),
                    ("cssColor", color.CssColor is null ? Null : S(color.CssColor)),
                    ("simplifiedColor", color.SimplifiedColor is null ? Null : S(color.SimplifiedColor)),
                    ("pixelPercent", N(color.PixelPercent))))),
            };
            if (properties.Quality is { } quality)
            {
                fields.Add(("quality", Map(("brightness", N(quality.Brightness)), ("sharpness", N(quality.Sharpness)), ("contrast", N(quality.Contrast)))));
            }
            attributes[ImageProperties] = Map([.. fields]);
        }
        if (record.AnalysisErrors is { Count: > 0 } errors)
        {
            attributes[AnalysisErrors] = new AttributeValue
            {
                M = errors.ToDictionary(error => error.Key, error => ImageItems.Error(error.Value), StringComparer.Ordinal),
            };
        }
        return attributes;
    }

    /// <summary>Reads the findings into <paramref name="record"/>; throws <see cref="FormatException"/> when one is malformed.</summary>
    public static ImageRecord Read(IReadOnlyDictionary<string, AttributeValue> item, ImageRecord record)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(record);
        if (!item.TryGetValue(Analyses, out var analyses) || analyses.M is not { } analysesMap)
        {
            return record;
        }
        return record with
        {
            Faces = ReadList(item, Faces, ReadFace),
            Text = ReadList(item, Text, map => new TextLine(Str(map, "detectedText"), Num(map, "confidence"), ReadBox(map))),
            Moderation = ReadList(item, Moderation, map => new ModerationLabel(
                Str(map, "name"), Str(map, "parentName"), Num(map, "confidence"), (int)Num(map, "taxonomyLevel"))),
            ImageProperties = item.TryGetValue(ImageProperties, out var properties) && properties.M is { } propertiesMap
                ? new ImageProperties(
                    propertiesMap.TryGetValue("quality", out var quality) && quality.M is { } q
                        ? new ImageQuality(Num(q, "brightness"), Num(q, "sharpness"), Num(q, "contrast"))
                        : null,
                    ReadList(propertiesMap, "dominantColors", map => new DominantColor(
                        Str(map, "hexCode"), OptionalStr(map, "cssColor"), OptionalStr(map, "simplifiedColor"), Num(map, "pixelPercent"))))
                : null,
            Analyses = new ImageAnalyses(
                State(analysesMap, AnalysisNames.Labels),
                State(analysesMap, AnalysisNames.Faces),
                State(analysesMap, AnalysisNames.Text),
                State(analysesMap, AnalysisNames.Moderation),
                State(analysesMap, AnalysisNames.ImageProperties)),
            AnalysisErrors = item.TryGetValue(AnalysisErrors, out var errors) && errors.M is { Count: > 0 } errorMap
                ? errorMap.ToDictionary(
                    error => error.Key,
                    error => error.Value.M is { } e ? new ImageError(Str(e, "code"), Str(e, "message")) : throw new FormatException("An analysis error must be a map."),
                    StringComparer.Ordinal)
                : null,
        };
    }

    private static AttributeValue FaceMap(Face face)
    {
        var fields = new List<(string, AttributeValue)>
        {
            ("confidence", N(face.Confidence)),
            ("boundingBox", Box(face.BoundingBox)),
            ("emotions", List(face.Emotions, emotion => Map(("type", S(emotion.Type)), ("confidence", N(emotion.Confidence))))),
        };
        if (face.AgeRange is { } age)
        {
            fields.Add(("ageRange", Map(("low", N(age.Low)), ("high", N(age.High)))));
        }
        AddTrait(fields, "smile", face.Smile);
        AddTrait(fields, "eyeglasses", face.Eyeglasses);
        AddTrait(fields, "sunglasses", face.Sunglasses);
        return Map([.. fields]);
    }

    private static Face ReadFace(Dictionary<string, AttributeValue> map) => new(Num(map, "confidence"), ReadBox(map))
    {
        AgeRange = map.TryGetValue("ageRange", out var age) && age.M is { } a ? new AgeRange((int)Num(a, "low"), (int)Num(a, "high")) : null,
        Emotions = ReadList(map, "emotions", emotion => new Emotion(Str(emotion, "type"), Num(emotion, "confidence"))),
        Smile = ReadTrait(map, "smile"),
        Eyeglasses = ReadTrait(map, "eyeglasses"),
        Sunglasses = ReadTrait(map, "sunglasses"),
    };

    private static void AddTrait(List<(string, AttributeValue)> fields, string name, FaceTrait? trait)
    {
        if (trait is not null)
        {
            fields.Add((name, Map(("value", new AttributeValue { BOOL = trait.Value }), ("confidence", N(trait.Confidence)))));
        }
    }

    private static FaceTrait? ReadTrait(Dictionary<string, AttributeValue> map, string name) =>
        map.TryGetValue(name, out var trait) && trait.M is { } t && t.TryGetValue("value", out var value) && value.BOOL is { } flag
            ? new FaceTrait(flag, Num(t, "confidence"))
            : null;

    private static AttributeValue Box(BoundingBox box) =>
        Map(("left", N(box.Left)), ("top", N(box.Top)), ("width", N(box.Width)), ("height", N(box.Height)));

    private static BoundingBox ReadBox(Dictionary<string, AttributeValue> map) =>
        map.TryGetValue("boundingBox", out var box) && box.M is { } b
            ? new BoundingBox(Num(b, "left"), Num(b, "top"), Num(b, "width"), Num(b, "height"))
            : throw new FormatException("A face or text line needs a boundingBox.");

    private static AnalysisState State(Dictionary<string, AttributeValue> map, string name) =>
        AnalysisStateNames.Parse(map.TryGetValue(name, out var value) ? value.S : null);

    private static AttributeValue List<T>(IEnumerable<T> items, Func<T, AttributeValue> write) => new() { L = items.Select(write).ToList() };

    private static T[] ReadList<T>(IReadOnlyDictionary<string, AttributeValue> item, string name, Func<Dictionary<string, AttributeValue>, T> read) =>
        item.TryGetValue(name, out var value) && value.L is { } list
            ? list.Select(entry => read(entry.M ?? throw new FormatException($"Each entry of '{name}' must be a map."))).ToArray()
            : [];

    private static T[] ReadList<T>(Dictionary<string, AttributeValue> item, string name, Func<Dictionary<string, AttributeValue>, T> read) =>
        ReadList((IReadOnlyDictionary<string, AttributeValue>)item, name, read);

    private static AttributeValue Map(params (string Name, AttributeValue Value)[] fields) =>
        new() { M = fields.ToDictionary(field => field.Name, field => field.Value, StringComparer.Ordinal) };

    private static AttributeValue Null => new() { NULL = true };

    private static AttributeValue S(string value) => ImageItems.S(value);

    private static AttributeValue N(double value) => ImageItems.N(value);

    private static string Str(Dictionary<string, AttributeValue> map, string name) =>
        map.TryGetValue(name, out var value) && value.S is { } text ? text : throw new FormatException($"A finding lacks the string '{name}'.");

    private static string? OptionalStr(Dictionary<string, AttributeValue> map, string name) =>
        map.TryGetValue(name, out var value) ? value.S : null;

    private static double Num(Dictionary<string, AttributeValue> map, string name) =>
        map.TryGetValue(name, out var value) && value.N is { } number
            ? double.Parse(number, NumberStyles.Float, CultureInfo.InvariantCulture)
            : throw new FormatException($"A finding lacks the number '{name}'.");
}
