using ImageLabelsLive.Core.Analysis;
using ImageLabelsLive.Core.Images;
using ImageLabelsLive.Core.Ports;

namespace ImageLabelsLive.Core.Tests.Analysis;

public class ImageAnalysisTests
{
    private readonly ScriptedAnalyzer analyzer = new();

    private Task<ImageFindings> Analyze(AnalysisSwitches? switches = null) =>
        new ImageAnalysis(analyzer, switches ?? AnalysisSwitches.All).AnalyzeAsync("bucket", "uploads/f/i", CancellationToken.None);

    [Fact]
    public async Task AnalyzeAsync_AllOn_StartsEveryAnalysisBeforeAnyFinishes()
    {
        analyzer.Gate = new TaskCompletionSource();

        var analysis = Analyze();

        analyzer.Asked.ShouldBe(["labels", "faces", "text", "moderation"], ignoreOrder: true);
        analysis.IsCompleted.ShouldBeFalse();
        analyzer.Gate.SetResult();
        (await analysis).Analyses.ShouldBe(new ImageAnalyses(AnalysisState.Done, AnalysisState.Done, AnalysisState.Done, AnalysisState.Done, AnalysisState.Done));
    }

    [Fact]
    public async Task AnalyzeAsync_AllOn_KeepsEveryFindingNormalized()
    {
        var findings = await Analyze();

        findings.Labels.ShouldHaveSingleItem().Name.ShouldBe("Cat");
        findings.ImageProperties!.Quality!.Brightness.ShouldBe(12);
        findings.Faces.ShouldHaveSingleItem().TopEmotion!.Type.ShouldBe("HAPPY");
        findings.Text.Select(line => line.DetectedText).ShouldBe(["SHOP", "OPEN"]);
        findings.Moderation.ShouldBeEmpty();
        findings.Errors.ShouldBeNull();
        analyzer.LabelFeaturesAsked.ShouldBe(new LabelFeatures(true, true));
    }

    [Fact]
    public async Task AnalyzeAsync_FacesFailUnexpectedly_KeepsTheOthersAndSaysWhy()
    {
        analyzer.Failures["faces"] = new InvalidOperationException("boom");

        var findings = await Analyze();

        findings.Analyses.Faces.ShouldBe(AnalysisState.Failed);
        findings.Faces.ShouldBeEmpty();
        findings.Errors!.Keys.ShouldBe([AnalysisNames.Faces]);
        findings.Errors[AnalysisNames.Faces].Code.ShouldBe("AnalysisFailed");
        findings.Labels.ShouldNotBeEmpty();
        findings.Text.ShouldNotBeEmpty();
        findings.NothingRan.ShouldBeFalse();
    }

    [Fact]
    public async Task AnalyzeAsync_TextUnavailable_RecordsLabelingUnavailableForTextOnly()
    {
        analyzer.Failures["text"] = new LabelingUnavailableException("busy");

        var findings = await Analyze();

        findings.Analyses.Text.ShouldBe(AnalysisState.Failed);
        findings.Errors![AnalysisNames.Text].Code.ShouldBe("LabelingUnavailable");
        findings.Analyses.Labels.ShouldBe(AnalysisState.Done);
    }

    [Fact]
    public async Task AnalyzeAsync_LabelsFailUnexpectedly_ThrowsForThePlatformToRetry()
    {
        analyzer.Failures["labels"] = new TimeoutException("socket");

        await Should.ThrowAsync<TimeoutException>(() => Analyze());
        analyzer.Asked.Count.ShouldBe(4);
    }

    [Fact]
    public async Task AnalyzeAsync_LabelsRejected_FailsLabelsAndImagePropertiesWithTheRejection()
    {
        analyzer.Failures["labels"] = new ImageRejectedException(new ImageError("InvalidImageFormat", "bad"));

        var findings = await Analyze();

        findings.Analyses.Labels.ShouldBe(AnalysisState.Failed);
        findings.Analyses.ImageProperties.ShouldBe(AnalysisState.Failed);
        findings.Errors![AnalysisNames.Labels].Code.ShouldBe("InvalidImageFormat");
        findings.Analyses.Faces.ShouldBe(AnalysisState.Done);
    }

    [Fact]
    public async Task AnalyzeAsync_SwitchedOff_AsksNothingAndSaysOff()
    {
        var findings = await Analyze(new AnalysisSwitches(Labels: true, Faces: false, Text: false, Moderation: true, ImageProperties: false));

        analyzer.Asked.ShouldBe(["labels", "moderation"], ignoreOrder: true);
        analyzer.LabelFeaturesAsked.ShouldBe(new LabelFeatures(true, false));
        findings.Analyses.ShouldBe(new ImageAnalyses(AnalysisState.Done, AnalysisState.Off, AnalysisState.Off, AnalysisState.Done, AnalysisState.Off));
        findings.ImageProperties.ShouldBeNull();
        findings.Faces.ShouldBeEmpty();
    }

    [Fact]
    public async Task AnalyzeAsync_OnlyImagePropertiesOfDetectLabels_AsksWithoutGeneralLabels()
    {
        var findings = await Analyze(new AnalysisSwitches(Labels: false, Faces: false, Text: false, Moderation: false, ImageProperties: true));

        analyzer.LabelFeaturesAsked.ShouldBe(new LabelFeatures(false, true));
        findings.Labels.ShouldBeEmpty();
        findings.Analyses.Labels.ShouldBe(AnalysisState.Off);
        findings.ImageProperties.ShouldNotBeNull();
    }

    [Fact]
    public async Task ImageFailure_EverythingUnavailable_IsLabelingUnavailableWithTheFileName()
    {
        foreach (var name in new[] { "labels", "faces", "text", "moderation" })
        {
            analyzer.Failures[name] = new LabelingUnavailableException("busy");
        }

        var findings = await Analyze();

        findings.NothingRan.ShouldBeTrue();
        var error = ImageAnalysis.ImageFailure(findings, "cat.png");
        error.Code.ShouldBe("LabelingUnavailable");
        error.Message.ShouldStartWith("\"cat.png\" could not be labeled");
    }

    [Fact]
    public async Task ImageFailure_ARejectionAmongFailures_IsTheRejection()
    {
        analyzer.Failures["labels"] = new LabelingUnavailableException("busy");
        analyzer.Failures["faces"] = new ImageRejectedException(new ImageError("ImageTooLarge", "too big"));
        analyzer.Failures["text"] = new LabelingUnavailableException("busy");
        analyzer.Failures["moderation"] = new LabelingUnavailableException("busy");

        var findings = await Analyze();

        ImageAnalysis.ImageFailure(findings, "x.png").Code.ShouldBe("ImageTooLarge");
    }

    [Fact]
    public async Task NothingRan_AllSwitchedOff_IsFalse() =>
        (await Analyze(new AnalysisSwitches(false, false, false, false, false))).NothingRan.ShouldBeFalse();
}
