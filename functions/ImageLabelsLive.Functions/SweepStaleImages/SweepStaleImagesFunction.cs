using System.Text.Json;
using ImageLabelsLive.Core.Sweeping;
using ImageLabelsLive.Functions.Catalog;
using ImageLabelsLive.Functions.Hosting;

namespace ImageLabelsLive.Functions.SweepStaleImages;

/// <summary>
/// Scheduled (an EventBridge rule on AWS, a timer locally): fails uploads that never finished and re-drives, then
/// fails, images stuck in processing. The scheduled event carries nothing the sweep needs; it answers its report.
/// </summary>
public sealed class SweepStaleImagesFunction(SweepStaleImagesHandler handler) : ILambdaFunction
{
    public SweepStaleImagesFunction()
        : this(FunctionContainer.Instance.SweepStaleImages())
    {
    }

    public async Task<Stream> HandleAsync(Stream input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var report = await HandleAsync(CancellationToken.None).ConfigureAwait(false);
        var output = new MemoryStream();
        using (var json = new Utf8JsonWriter(output))
        {
            json.WriteStartObject();
            json.WriteNumber("uploadsFailed", report.UploadsFailed);
            json.WriteNumber("redriven", report.Redriven);
            json.WriteNumber("processingFailed", report.ProcessingFailed);
            json.WriteNumber("skipped", report.Skipped);
            json.WriteEndObject();
        }
        output.Position = 0;
        return output;
    }

    public async Task<SweepReport> HandleAsync(CancellationToken cancellationToken)
    {
        var report = await handler.HandleAsync(cancellationToken).ConfigureAwait(false);
        if (report != new SweepReport(0, 0, 0, 0))
        {
            FunctionLog.Info(nameof(SweepStaleImagesFunction),
                $"{report.UploadsFailed} unfinished uploads failed, {report.Redriven} re-driven, {report.ProcessingFailed} stuck in processing failed, {report.Skipped} left");
        }
        return report;
    }
}
