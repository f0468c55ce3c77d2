using System.Runtime.InteropServices;
using ImageLabelsLive.LocalAws.ApiGateway;
using ImageLabelsLive.LocalAws.DynamoDBStreams;
using ImageLabelsLive.LocalAws.S3;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ImageLabelsLive.LocalHost.Hosting;

/// <summary>
/// A draining stop. On SIGTERM or Ctrl-C the host stops taking new work (HTTP API calls, WebSocket upgrades and S3
/// PUTs get 503), lets the work under way finish (ObjectCreated deliveries, stream batches, and the pushes and emails
/// they cause) for up to <see cref="LocalSettings.DrainTimeout"/>, then closes the sockets and exits. What is still
/// undelivered stays in the journals for the next start. A second signal stops at once.
/// </summary>
public sealed partial class LocalApp
{
    private volatile bool draining;

    private void AddDrain(IServiceCollection services)
    {
        // Room for a stream invocation under way to finish (3 s) and for Kestrel's open requests (5 s).
        services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(8));
        services.AddSingleton<IHostLifetime>(sp => new DrainingLifetime(sp.GetRequiredService<IHostApplicationLifetime>(), () => DrainAsync(sp), Logger));
    }

    /// <summary>While draining, refuses requests that would start new work; the functions' own calls to the stand-ins go on.</summary>
    private async Task RefuseNewWorkWhileDrainingAsync(HttpContext context, Func<Task> next)
    {
        var path = context.Request.Path;
        var newWork = path.StartsWithSegments(LocalSettings.ApiPath)
            || path.StartsWithSegments(LocalSettings.WebSocketPath)
            || (path.StartsWithSegments(LocalSettings.S3Path) && HttpMethods.IsPut(context.Request.Method));
        if (draining && newWork)
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.Headers.RetryAfter = "5";
            context.Response.Headers.Connection = "close";
            await context.Response.WriteAsJsonAsync(
                new ErrorBody(new ErrorDetail("ShuttingDown", "The app is stopping; try again once it has restarted.")),
                LocalHostJson.Default.ErrorBody).ConfigureAwait(false);
            return;
        }
        await next().ConfigureAwait(false);
    }

    private async Task DrainAsync(IServiceProvider services)
    {
        draining = true;
        var s3 = services.GetRequiredService<LocalS3Service>();
        var streams = services.GetRequiredService<LocalDynamoDbStreams>();
        Logger.LogInformation("Stopping: new requests are refused; finishing work under way for up to {Seconds} s", LocalSettings.DrainTimeout.TotalSeconds);
        var started = System.Diagnostics.Stopwatch.StartNew();
        // Idle twice in a row: a finished S3 delivery's stream records reach the consumers' queues a moment later.
        var idleChecks = 0;
        while (started.Elapsed < LocalSettings.DrainTimeout && idleChecks < 2)
        {
            idleChecks = s3.IsNotificationIdle && streams.IsIdle ? idleChecks + 1 : 0;
            await Task.Delay(100).ConfigureAwait(false);
        }
        if (idleChecks >= 2)
        {
            Logger.LogInformation("Drained in {Milliseconds} ms; stopping", (long)started.Elapsed.TotalMilliseconds);
        }
        else
        {
            Logger.LogWarning("Still busy after {Seconds} s; stopping with the rest journaled for the next start", LocalSettings.DrainTimeout.TotalSeconds);
        }
        // While every endpoint is still up: no new stream batches, and the ones under way finish (or are abandoned).
        await streams.StopDeliveringAsync().ConfigureAwait(false);
        services.GetRequiredService<WebSocketConnections>().CloseAll();
    }

    /// <summary>Replaces the console lifetime so that a stop signal drains before the host stops.</summary>
    private sealed class DrainingLifetime(IHostApplicationLifetime lifetime, Func<Task> drain, ILogger logger) : IHostLifetime, IDisposable
    {
        private readonly List<PosixSignalRegistration> registrations = [];
        private int signals;

        public Task WaitForStartAsync(CancellationToken cancellationToken)
        {
            foreach (var signal in new[] { PosixSignal.SIGTERM, PosixSignal.SIGINT, PosixSignal.SIGQUIT })
            {
                registrations.Add(PosixSignalRegistration.Create(signal, OnSignal));
            }
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public void Dispose()
        {
            foreach (var registration in registrations)
            {
                registration.Dispose();
            }
        }

        private void OnSignal(PosixSignalContext context)
        {
            context.Cancel = true; // The host exits by itself once stopped.
            if (Interlocked.Increment(ref signals) > 1)
            {
                logger.LogWarning("Second stop signal: stopping without waiting");
                lifetime.StopApplication();
                return;
            }
            _ = Task.Run(async () =>
            {
                try
                {
                    await drain().ConfigureAwait(false);
                }
#pragma warning disable CA1031 // Whatever goes wrong while draining, the host must still stop.
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    logger.LogError(ex, "Draining failed; stopping anyway");
                }
                lifetime.StopApplication();
            });
        }
    }
}
