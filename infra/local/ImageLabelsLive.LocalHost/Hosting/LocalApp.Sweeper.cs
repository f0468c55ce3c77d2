using System.Globalization;
using System.Text;
using ImageLabelsLive.Functions.Catalog;
using ImageLabelsLive.LocalAws.Lambda;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ImageLabelsLive.LocalHost.Hosting;

/// <summary>
/// Scheduled functions, locally: a timer plays the EventBridge rule of each catalog entry with a ScheduledRun
/// (SweepStaleImages) every ILL_SWEEP_INTERVAL_SECONDS (60 by default, shorter than AWS's five minutes). Its thresholds are the function's own settings
/// (UPLOAD_URL_TTL_SECONDS, PROCESSOR_TIMEOUT_SECONDS, SWEEP_GRACE_SECONDS), so a test can make them all short.
/// </summary>
public sealed partial class LocalApp
{
    private const int DefaultSweepIntervalSeconds = 60;

    /// <summary>Locally ProcessImage has no Lambda timeout; it waits for the detector up to DETECTOR_RETRY_SECONDS (120 s).</summary>
    private const int LocalProcessorTimeoutSeconds = 150;

    private const int LocalSweepGraceSeconds = 60;

    private void AddSweeper(IServiceCollection services)
    {
        var configured = Environment.GetEnvironmentVariable("ILL_SWEEP_INTERVAL_SECONDS");
        var seconds = int.TryParse(configured, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) && parsed is >= 1 and <= 86_400
            ? parsed
            : DefaultSweepIntervalSeconds;
        foreach (var (function, _) in FunctionCatalog.TriggeredBy<ScheduledRun>())
        {
            services.AddSingleton<IHostedService>(sp => new ScheduledInvocation(sp.GetRequiredService<ILambdaInvoker>(), function.Name, TimeSpan.FromSeconds(seconds), Logger));
        }
    }

    private sealed class ScheduledInvocation(ILambdaInvoker invoker, string functionName, TimeSpan interval, ILogger logger) : BackgroundService
    {
        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            using var timer = new PeriodicTimer(interval);
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                // The shape of EventBridge's scheduled event; the function needs none of it.
                var scheduled = Encoding.UTF8.GetBytes(
                    "{\"version\":\"0\",\"id\":\"" + Guid.NewGuid() + "\",\"detail-type\":\"Scheduled Event\",\"source\":\"aws.events\",\"time\":\""
                    + DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture) + "\",\"resources\":[],\"detail\":{}}");
                try
                {
                    await invoker.InvokeAsync(functionName, scheduled, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    return;
                }
#pragma warning disable CA1031 // A failed sweep is logged; the next tick tries again, as the next scheduled invocation would.
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    logger.LogWarning("{Function} failed: {Error}", functionName, ex.Message);
                }
            }
        }
    }
}
