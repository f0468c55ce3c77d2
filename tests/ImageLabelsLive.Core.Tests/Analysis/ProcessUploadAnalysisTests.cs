using ImageLabelsLive.Core.Analysis;
using ImageLabelsLive.Core.Images;
using ImageLabelsLive.Core.Ports;
using ImageLabelsLive.Core.Processing;
using ImageLabelsLive.Testing.Fakes;

namespace ImageLabelsLive.Core.Tests.Analysis;

public class ProcessUploadAnalysisTests
{
    private readonly InMemoryImageStore images = new();
    private readonly InMemoryObjects objects = new();
    private readonly ScriptedAnalyzer analyzer = new();
    private readonly FakeTimeProvider clock = new(Samples.Start);

    private ProcessUploadHandler Handler => new(images, objects, new ImageAnalysis(analyzer, AnalysisSwitches.All), clock);

    private async Task<(UploadedObject Uploaded, string ImageId)> UploadAsync()
    {
        var bytes = Samples.PngBytes();
        var record = Samples.Record(size: bytes.Length);
        await images.CreateAsync(record, default);
        objects.Objects[record.ObjectKey] = bytes;
        return (new UploadedObject("bucket", record.ObjectKey, bytes.Length), record.ImageId);
    }

    [Fact]
    public async Task HandleAsync_OneAnalysisFails_LabelsTheImageWithTheRestAndTheReason()
    {
        analyzer.Failures["moderation"] = new LabelingUnavailableException("busy");
        var (uploaded, imageId) = await UploadAsync();

        (await Handler.HandleAsync(uploaded, default)).ShouldBe(ProcessOutcome.Labeled);

        var record = images[imageId]!;
        record.Status.ShouldBe(ImageStatus.Labeled);
        record.Labels.ShouldHaveSingleItem().Name.ShouldBe("Cat");
        record.Faces.ShouldHaveSingleItem();
        record.Text.Count.ShouldBe(2);
        record.ImageProperties!.DominantColors.ShouldHaveSingleItem().HexCode.ShouldBe("#0d0d0d");
        record.Analyses!.Moderation.ShouldBe(AnalysisState.Failed);
        record.AnalysisErrors![AnalysisNames.Moderation].Code.ShouldBe("LabelingUnavailable");
    }

    [Fact]
    public async Task HandleAsync_EveryAnalysisUnavailable_FailsWithLabelingUnavailableAndKeepsWhichWereTried()
    {
        foreach (var name in new[] { "labels", "faces", "text", "moderation" })
        {
            analyzer.Failures[name] = new LabelingUnavailableException("busy");
        }
        var (uploaded, imageId) = await UploadAsync();

        (await Handler.HandleAsync(uploaded, default)).ShouldBe(ProcessOutcome.Failed);

        var record = images[imageId]!;
        record.Error!.Code.ShouldBe("LabelingUnavailable");
        record.Analyses!.Faces.ShouldBe(AnalysisState.Failed);
        record.AnalysisErrors!.Count.ShouldBe(5);
    }
}
