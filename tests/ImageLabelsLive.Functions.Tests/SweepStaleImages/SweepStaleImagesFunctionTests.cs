using System.Text.Json.Nodes;
using ImageLabelsLive.Core.Images;
using ImageLabelsLive.Core.Sweeping;
using ImageLabelsLive.Functions.SweepStaleImages;
using ImageLabelsLive.Testing.Fakes;

namespace ImageLabelsLive.Functions.Tests.SweepStaleImages;

public class SweepStaleImagesFunctionTests
{
    /// <summary>What an EventBridge schedule rule sends; the sweep needs none of it.</summary>
    private const string ScheduledEvent = """
        {"version":"0","id":"53dc4d37-cffa-4f76-80c9-8b7d4a4d2eaa","detail-type":"Scheduled Event","source":"aws.events",
         "account":"123456789012","time":"2026-11-21T09:07:00Z","region":"eu-west-1",
         "resources":["arn:aws:events:eu-west-1:123456789012:rule/SweepStaleImages"],"detail":{}}
        """;

    private static readonly SweepSettings Settings = new(
        UploadUrlLifetime: TimeSpan.FromMinutes(5), ProcessorTimeout: TimeSpan.FromMinutes(2), Grace: TimeSpan.FromMinutes(1));

    private readonly InMemoryImageStore images = new();
    private readonly RecordingRedrive redrive = new();
    private readonly FakeTimeProvider clock = new(Samples.Start);
    private readonly InMemoryStaleImages stale;

    public SweepStaleImagesFunctionTests()
    {
        stale = new InMemoryStaleImages(images);
    }

    private SweepStaleImagesFunction Function() => new(new SweepStaleImagesHandler(stale, images, redrive, Settings, clock));

    private async Task<ImageRecord> StoredAsync(ImageStatus status)
    {
        var record = Samples.Record(status);
        await images.CreateAsync(record, default);
        return record;
    }

    [Theory]
    [InlineData(ScheduledEvent)]
    [InlineData("{}")]
    public async Task HandleAsync_ScheduledInvocation_SweepsAndAnswersItsReport(string lambdaEvent)
    {
        var upload = await StoredAsync(ImageStatus.Uploading);
        var stuck = await StoredAsync(ImageStatus.Processing);
        clock.Advance(TimeSpan.FromMinutes(7));

        var response = await LambdaInvocation.InvokeAsync(Function().HandleAsync, lambdaEvent);

        response.ToJsonString().ShouldBe("""{"uploadsFailed":1,"redriven":1,"processingFailed":0,"skipped":0}""");
        images[upload.ImageId]!.Error!.Code.ShouldBe("UploadNotFinished");
        redrive.Redriven.ShouldBe([stuck.ImageId]);
    }

    [Fact]
    public async Task HandleAsync_NothingStale_AnswersAnEmptyReportAndWritesNothing()
    {
        var upload = await StoredAsync(ImageStatus.Uploading);
        clock.Advance(TimeSpan.FromMinutes(5));

        var response = await LambdaInvocation.InvokeAsync(Function().HandleAsync, ScheduledEvent);

        JsonNode.DeepEquals(response, JsonNode.Parse("""{"uploadsFailed":0,"redriven":0,"processingFailed":0,"skipped":0}""")).ShouldBeTrue(response.ToJsonString());
        images[upload.ImageId]!.Status.ShouldBe(ImageStatus.Uploading);
        images.Writes.Count.ShouldBe(1);
    }

    [Fact]
    public async Task HandleAsync_StillStuckAfterItsRedrive_NextSweepFailsItAndReportsSo()
    {
        var stuck = await StoredAsync(ImageStatus.Processing);
        clock.Advance(TimeSpan.FromMinutes(4));
        (await Function().HandleAsync(CancellationToken.None)).ShouldBe(new SweepReport(0, 1, 0, 0));
        clock.Advance(TimeSpan.FromMinutes(4));

        var report = await Function().HandleAsync(CancellationToken.None);

        report.ShouldBe(new SweepReport(0, 0, 1, 0));
        images[stuck.ImageId]!.Error!.Code.ShouldBe("ProcessingNotFinished");
    }
}
