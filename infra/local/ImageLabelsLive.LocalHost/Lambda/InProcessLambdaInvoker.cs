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
public sealed class InProcessLambdaInvoker : ILambdaInvoker
{
    private readonly Dictionary<string, Lazy<Func<Stream, Task<Stream>>>> functions;
    private readonly ILogger logger;

    public InProcessLambdaInvoker(ILogger<InProcessLambdaInvoker> logger)
    {
        this.logger = logger;
        functions = FunctionCatalog.All.ToDictionary(
            function => function.Name,
            function => new Lazy<Func<Stream, Task<Stream>>>(function.Create),
            StringComparer.Ordinal);
    }

    public async Task<byte[]> InvokeAsync(string functionName, byte[] payload, CancellationToken cancellationToken)
    {
        if (!functions.TryGetValue(functionName, out var entry))
        {
            throw new ArgumentException($"No function is named '{functionName}'.", nameof(functionName));
        }
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var input = new MemoryStream(payload, writable: false);
            await using var output = await entry.Value(input).WaitAsync(cancellationToken).ConfigureAwait(false);
            using var answer = new MemoryStream();
            await output.CopyToAsync(answer, cancellationToken).ConfigureAwait(false);
            return answer.ToArray();
        }
        finally
        {
            logger.LogDebug("λ {Function} {Milliseconds:0.0} ms", functionName, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }
}
