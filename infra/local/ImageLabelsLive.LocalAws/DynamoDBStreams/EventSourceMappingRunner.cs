using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ImageLabelsLive.LocalAws.DynamoDBStreams;

/// <summary>Runs every event source mapping's delivery loop for the host's lifetime, each on its own.</summary>
internal sealed class EventSourceMappingRunner(LocalDynamoDbStreams streams, ILogger<EventSourceMappingRunner> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The host's stop, or an earlier LocalDynamoDbStreams.StopDeliveringAsync while the endpoints are still up.
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, streams.DeliveryStopping);
        var loops = Task.WhenAll(streams.Mappings.Select(mapping => Task.Run(() => KeepRunningAsync(mapping, stopping.Token), CancellationToken.None)));
        streams.DeliveringIn(loops);
        await loops.ConfigureAwait(false);
    }

    private async Task KeepRunningAsync(EventSourceMapping mapping, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await mapping.RunAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // A consumer's loop must outlive any fault, as Lambda's poller does.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                logger.LogError(ex, "The stream delivery loop of {FunctionName} failed; restarting it", mapping.Options.FunctionName);
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken).ConfigureAwait(false);
            }
        }
    }
}
