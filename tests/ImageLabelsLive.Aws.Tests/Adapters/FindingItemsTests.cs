using ImageLabelsLive.Aws.DynamoDb;
using ImageLabelsLive.Core.Images;

namespace ImageLabelsLive.Aws.Tests.Adapters;

public class FindingItemsTests
{
    private static ImageRecord Analysed() => ImageSamples.Uploading() with
    {
        Status = ImageStatus.Labeled,
        Labels = [ImageSamples.Labels[0] with { Categories = ["Animals and Pets"], Aliases = ["Kitty"] }],
        Faces =
        [
            new Face(99.5, new BoundingBox(0.1, 0.2, 0.3, 0.4))
            {
                AgeRange = new AgeRange(20, 28),
                Emotions = [new Emotion("HAPPY", 90), new Emotion("CALM", 5)],
                Smile = new FaceTrait(true, 88),
                Sunglasses = new FaceTrait(false, 97),
            },
            new Face(80, new BoundingBox(0.5, 0.5, 0.1, 0.1)),
        ],
        Text = [new TextLine("NO PARKING", 97.5, new BoundingBox(0.1, 0.7, 0.5, 0.1))],
        Moderation = [new ModerationLabel("Violence", "", 70, 1)],
        ImageProperties = new ImageProperties(new ImageQuality(12, 34, 56), [new DominantColor("#0d0d0d", "black", null, 61.5)]),
        Analyses = new ImageAnalyses(AnalysisState.Done, AnalysisState.Done, AnalysisState.Done, AnalysisState.Done, AnalysisState.Done),
    };

    [Fact]
    public void FromItem_OfToItem_KeepsEveryFinding()
    {
        var record = Analysed();

        var back = ImageItems.FromItem(ImageItems.ToItem(record));

        back.Labels.ShouldHaveSingleItem().Categories.ShouldBe(["Animals and Pets"]);
        back.Labels[0].Aliases.ShouldBe(["Kitty"]);
        back.Faces.Count.ShouldBe(2);
        back.Faces[0].ShouldBe(record.Faces[0] with { Emotions = back.Faces[0].Emotions });
        back.Faces[0].Emotions.ShouldBe(record.Faces[0].Emotions);
        back.Faces[1].AgeRange.ShouldBeNull();
        back.Faces[1].Smile.ShouldBeNull();
        back.Text.ShouldBe(record.Text);
        back.Moderation.ShouldBe(record.Moderation);
        back.ImageProperties!.Quality.ShouldBe(record.ImageProperties!.Quality);
        back.ImageProperties.DominantColors.ShouldBe(record.ImageProperties.DominantColors);
        back.Analyses.ShouldBe(record.Analyses);
        back.AnalysisErrors.ShouldBeNull();
    }

    [Fact]
    public void FromItem_OfToItem_KeepsAnalysisStatesAndErrors()
    {
        var record = Analysed() with
        {
            Faces = [],
            ImageProperties = null,
            Analyses = new ImageAnalyses(AnalysisState.Done, AnalysisState.Failed, AnalysisState.Off, AnalysisState.Done, AnalysisState.Off),
            AnalysisErrors = new Dictionary<string, ImageError> { [AnalysisNames.Faces] = new("AnalysisFailed", "why") },
        };

        var item = ImageItems.ToItem(record);
        var back = ImageItems.FromItem(item);

        item.ShouldNotContainKey(FindingItems.ImageProperties);
        back.Analyses.ShouldBe(record.Analyses);
        back.AnalysisErrors!.Single().ShouldBe(new KeyValuePair<string, ImageError>(AnalysisNames.Faces, new ImageError("AnalysisFailed", "why")));
        back.ImageProperties.ShouldBeNull();
    }

    [Fact]
    public void ToItem_NotAnalysed_WritesNoFindingAttributes()
    {
        var item = ImageItems.ToItem(ImageSamples.Uploading() with { Status = ImageStatus.Processing });

        item.Keys.ShouldNotContain(FindingItems.Faces);
        item.Keys.ShouldNotContain(FindingItems.Analyses);
        ImageItems.FromItem(item).Analyses.ShouldBeNull();
    }
}
