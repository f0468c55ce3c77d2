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

    private readonly SweepFakes fakes = new();

    private SweepStaleImagesFunction Function() => new(fakes.Handler());

    [Theory]
    [InlineData(ScheduledEvent)]
    [InlineData("{}")]
    public async Task HandleAsync_ScheduledInvocation_SweepsAndAnswersItsReport(string lambdaEvent)
    {
        var upload = await fakes.StoredAsync(ImageStatus.Uploading);
        var stuck = await fakes.StoredAsync(ImageStatus.Processing);
        fakes.Clock.Advance(TimeSpan.FromMinutes(7));

        var response = await LambdaInvocation.InvokeAsync(Function().HandleAsync, lambdaEvent);

        response.ToJsonString().ShouldBe("""{"uploadsFailed":1,"redriven":1,"processingFailed":0,"skipped":0}""");
        fakes.Images[upload.ImageId]!.Error!.Code.ShouldBe("UploadNotFinished");
        fakes.Redrive.Redriven.ShouldBe([stuck.ImageId]);
    }

    [Fact]
    public async Task HandleAsync_NothingStale_AnswersAnEmptyReportAndWritesNothing()
    {
        var upload = await fakes.StoredAsync(ImageStatus.Uploading);
        fakes.Clock.Advance(TimeSpan.FromMinutes(5));

        var response = await LambdaInvocation.InvokeAsync(Function().HandleAsync, ScheduledEvent);

        JsonNode.DeepEquals(response, JsonNode.Parse("""{"uploadsFailed":0,"redriven":0,"processingFailed":0,"skipped":0}""")).ShouldBeTrue(response.ToJsonString());
        fakes.Images[upload.ImageId]!.Status.ShouldBe(ImageStatus.Uploading);
        fakes.Images.Writes.Count.ShouldBe(1);
    }

    [Fact]
    public async Task HandleAsync_StillStuckAfterItsRedrive_NextSweepFailsItAndReportsSo()
    {
        var stuck = await fakes.StoredAsync(ImageStatus.Processing);
        fakes.Clock.Advance(TimeSpan.FromMinutes(4));
        (await Function().HandleAsync(CancellationToken.None)).ShouldBe(new SweepReport(0, 1, 0, 0));
        fakes.Clock.Advance(TimeSpan.FromMinutes(4));

        var report = await Function().HandleAsync(CancellationToken.None);

        report.ShouldBe(new SweepReport(0, 0, 1, 0));
        fakes.Images[stuck.ImageId]!.Error!.Code.ShouldBe("ProcessingNotFinished");
    }
}
