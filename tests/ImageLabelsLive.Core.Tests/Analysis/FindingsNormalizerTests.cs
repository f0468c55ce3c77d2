using ImageLabelsLive.Core.Analysis;
using ImageLabelsLive.Core.Images;

namespace ImageLabelsLive.Core.Tests.Analysis;

public class FindingsNormalizerTests
{
    [Fact]
    public void Faces_RawDetections_ClampsRoundsSortsEmotionsAndDropsEmptyBoxes()
    {
        var faces = FindingsNormalizer.Faces(
        [
            new Face(99.123456, new BoundingBox(0.9, -0.1, 0.3, 0.5)) { AgeRange = new AgeRange(30, 20), Emotions = [new Emotion("SAD", 10), new Emotion("HAPPY", 80.005)] },
            new Face(90, new BoundingBox(0.5, 0.5, 0, 0.2)),
        ]);

        var face = faces.ShouldHaveSingleItem();
        face.Confidence.ShouldBe(99.12);
        face.BoundingBox.ShouldBe(new BoundingBox(0.9, 0, 0.09999999999999998, 0.5));
        face.AgeRange.ShouldBeNull();
        face.Emotions.Select(emotion => emotion.Type).ShouldBe(["HAPPY", "SAD"]);
    }

    [Fact]
    public void Text_Lines_InReadingOrderWithoutBlankLines()
    {
        var lines = FindingsNormalizer.Text(
        [
            new TextLine("second", 90, new BoundingBox(0.1, 0.6, 0.3, 0.1)),
            new TextLine("  ", 90, new BoundingBox(0.1, 0.3, 0.3, 0.1)),
            new TextLine(" right ", 90, new BoundingBox(0.5, 0.2, 0.3, 0.1)),
            new TextLine("left", 90, new BoundingBox(0.1, 0.2, 0.3, 0.1)),
        ]);

        lines.Select(line => line.DetectedText).ShouldBe(["left", "right", "second"]);
    }

    [Fact]
    public void Moderation_Labels_TopLevelFirstThenMostConfident()
    {
        var labels = FindingsNormalizer.Moderation(
        [
            new ModerationLabel("Graphic Violence", "Violence", 70, 2),
            new ModerationLabel("Violence", "", 80, 1),
            new ModerationLabel("Weapons", "Violence", 90, 2),
        ]);

        labels.Select(label => label.Name).ShouldBe(["Violence", "Weapons", "Graphic Violence"]);
    }

    [Fact]
    public void Properties_Colors_MostCoverageFirstAndHexless()
    {
        var properties = FindingsNormalizer.Properties(new ImageProperties(
            new ImageQuality(10.123, 120, -5),
            [new DominantColor("#ffffff", "white", "white", 10), new DominantColor("", null, null, 50), new DominantColor("#000000", "black", "black", 40)]))!;

        properties.Quality.ShouldBe(new ImageQuality(10.12, 100, 0));
        properties.DominantColors.Select(color => color.HexCode).ShouldBe(["#000000", "#ffffff"]);
    }
}
