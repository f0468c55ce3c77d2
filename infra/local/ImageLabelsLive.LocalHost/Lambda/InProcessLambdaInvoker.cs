using System.Diagnostics;
using ImageLabelsLive.Functions.Catalog;
using ImageLabelsLive.LocalAws.Lambda;
using Microsoft.Extensions.Logging;

namespace ImageLabelsLive.LocalHost.Lambda;

/// <summary>
/// Plays the Lambda service in process for every function of <see cref="FunctionCatalog"/>: each is built once, as
/// a container would build it (parameterless constructor, settings from the environment), and called through the
/// same Stream → Stream entry point that the managed runtime calls.
/// </summary>
/// <remarks>
/// As Lambda caps a function's concurrent instances, so does this: at most its reserved concurrency, and never more
/// than <see cref="LocalConcurrencyLimit"/>. Where Lambda would throttle the invocation beyond that, this queues it
/// (first in, first out), which is what an asynchronous caller sees once the service's retries succeed. Without a cap
/// 5,000 tabs closing at once ran 5,000 $disconnects at once, each DynamoDB call holding three sockets in this
/// process (the client's end, the endpoint's end, and the proxy's to dynalite), and the host ran out of descriptors.
/// </remarks>
public sealed class InProcessLambdaInvoker : ILambdaInvoker
{
    /// <summary>Instances of one function at once, locally: enough to keep both cores and the detector's queue busy.</summary>
    public const int LocalConcurrencyLimit = 100;

    private readonly Dictionary<string, Instances> functions;
    private readonly ILogger logger;

    public InProcessLambdaInvoker(ILogger<InProcessLambdaInvoker> logger)
        : this(FunctionCatalog.All, LocalConcurrencyLimit, logger)
    {
    }

    internal InProcessLambdaInvoker(IEnumerable<FunctionDefinition> catalog, int concurrencyLimit, ILogger logger)
    {
        this.logger = logger;
        functions = catalog.ToDictionary(
            function => function.Name,
            function => new Instances(new Lazy<Func<Stream, Task<Stream>>>(function.Create), Math.Min(function.ReservedConcurrency ?? concurrencyLimit, concurrencyLimit)),
            StringComparer.Ordinal);
    }

    public async Task<byte[]> InvokeAsync(string functionName, byte[] payload, CancellationToken cancellationToken)
    {
        if (!functions.TryGetValue(functionName, out var function))
        {
            throw new ArgumentException($"No function is named '{functionName}'.", nameof(functionName));
        }
        await function.Slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var input = new MemoryStream(payload, writable: false);
            await using var output = await function.Handler.Value(input).WaitAsync(cancellationToken).ConfigureAwait(false);
            using var answer = new MemoryStream();
            await output.CopyToAsync(answer, cancellationToken).ConfigureAwait(false);
            return answer.ToArray();
        }
        finally
        {
            function.Slots.Release();
            logger.LogDebug("λ {Function} {Milliseconds:0.0} ms", functionName, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }

    private sealed record Instances(Lazy<Func<Stream, Task<Stream>>> Handler, int Limit)
    {
        public SemaphoreSlim Slots { get; } = new(Limit, Limit);
    }
}
