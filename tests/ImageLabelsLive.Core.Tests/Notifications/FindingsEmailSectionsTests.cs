using ImageLabelsLive.Core.Images;
using ImageLabelsLive.Core.Notifications;
using ImageLabelsLive.Testing.Fakes;

namespace ImageLabelsLive.Core.Tests.Notifications;

public class FindingsEmailSectionsTests
{
    private static readonly Uri Site = new("https://site.example/");

    private static ImageRecord Analysed() => Samples.Record(ImageStatus.Labeled) with
    {
        Labels = [Samples.Cat],
        Faces = [new Face(99, new BoundingBox(0.1, 0.1, 0.2, 0.2)) { AgeRange = new AgeRange(20, 28), Emotions = [new Emotion("HAPPY", 92.5)] }],
        Text = [new TextLine("NO PARKING", 97.2, new BoundingBox(0.1, 0.7, 0.5, 0.1))],
        Analyses = new ImageAnalyses(AnalysisState.Done, AnalysisState.Done, AnalysisState.Done, AnalysisState.Done, AnalysisState.Off),
    };

    [Fact]
    public void Body_FacesAndText_ListsThemAfterTheLabels()
    {
        var body = ResultEmail.Body(Analysed(), Site);

        body.ShouldContain("Faces (1):");
        body.ShouldContain("  Face 99.0%, age 20–28, looks happy (92.5%)");
        body.ShouldContain("  \"NO PARKING\" 97.2%");
        body.ShouldContain("No unsafe content found.");
        body.IndexOf("Labels found", StringComparison.Ordinal).ShouldBeLessThan(body.IndexOf("Faces (1):", StringComparison.Ordinal));
    }

    [Fact]
    public void Body_FlaggedImage_SaysSoFirst()
    {
        var image = Analysed() with { Moderation = [new ModerationLabel("Violence", "", 88.4, 1), new ModerationLabel("Weapons", "Violence", 40, 2)] };

        var body = ResultEmail.Body(image, Site);

        body.ShouldStartWith("Flagged as possibly unsafe: Violence 88.4%.");
        body.ShouldContain("Moderation flags:");
        body.ShouldContain("  Weapons (Violence) 40.0%");
    }

    [Fact]
    public void Body_FailedAnalysis_SaysWhyAndOffAnalysisSaysNothing()
    {
        var image = Analysed() with
        {
            Faces = [],
            Analyses = new ImageAnalyses(AnalysisState.Done, AnalysisState.Failed, AnalysisState.Off, AnalysisState.Off, AnalysisState.Off),
            AnalysisErrors = new Dictionary<string, ImageError> { [AnalysisNames.Faces] = new("AnalysisFailed", "Looking for faces failed (X).") },
        };

        var body = ResultEmail.Body(image, Site);

        body.ShouldContain("Looking for faces failed: Looking for faces failed (X).");
        body.ShouldNotContain("Text:");
        body.ShouldNotContain("No text.");
        body.ShouldNotContain("unsafe");
    }

    [Fact]
    public void Body_NotAnalysed_HasNoFindingSections() =>
        ResultEmail.Body(Samples.Record(ImageStatus.Labeled) with { Labels = [Samples.Cat] }, Site).ShouldNotContain("Faces");
}
