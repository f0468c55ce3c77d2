using System.Diagnostics;
using ImageLabelsLive.Functions.Connect;
using ImageLabelsLive.Functions.DefaultRoute;
using ImageLabelsLive.Functions.Disconnect;
using ImageLabelsLive.Functions.GetImage;
using ImageLabelsLive.Functions.ListFeedImages;
using ImageLabelsLive.Functions.NotifyResults;
using ImageLabelsLive.Functions.ProcessImage;
using ImageLabelsLive.Functions.PushResults;
using ImageLabelsLive.Functions.SweepStaleImages;
using ImageLabelsLive.Functions.PushShard;
using ImageLabelsLive.Functions.SubscribeToFeed;
using ImageLabelsLive.Functions.UploadUrl;
using ImageLabelsLive.Functions.GetFeedLabels;
using ImageLabelsLive.Functions.ExportFeed;
using ImageLabelsLive.Functions.DeleteImage;
using ImageLabelsLive.Functions.IndexFeed;
using ImageLabelsLive.LocalAws.Lambda;
using Microsoft.Extensions.Logging;

namespace ImageLabelsLive.LocalHost.Lambda;

/// <summary>
/// Plays the Lambda service in process: each function is built once, as a container would build it
/// (parameterless constructor, settings from the environment), and called through the same
/// Stream → Stream entry point that the managed runtime calls.
/// </summary>
public sealed class InProcessLambdaInvoker : ILambdaInvoker
{
    private readonly Dictionary<string, Lazy<Func<Stream, Task<Stream>>>> functions;
    private readonly ILogger logger;

    public InProcessLambdaInvoker(ILogger<InProcessLambdaInvoker> logger)
    {
        this.logger = logger;
        functions = new Dictionary<string, Lazy<Func<Stream, Task<Stream>>>>(StringComparer.Ordinal)
        {
            [LocalFunctionNames.UploadUrl] = Entry(() => new UploadUrlFunction().HandleAsync),
            [LocalFunctionNames.ListFeedImages] = Entry(() => new ListFeedImagesFunction().HandleAsync),
            [LocalFunctionNames.GetImage] = Entry(() => new GetImageFunction().HandleAsync),
            [LocalFunctionNames.Connect] = Entry(() => new ConnectFunction().HandleAsync),
            [LocalFunctionNames.Disconnect] = Entry(() => new DisconnectFunction().HandleAsync),
            [LocalFunctionNames.DefaultRoute] = Entry(() => new DefaultRouteFunction().HandleAsync),
            [LocalFunctionNames.ProcessImage] = Entry(() => new ProcessImageFunction().HandleAsync),
            [LocalFunctionNames.PushResults] = Entry(() => new PushResultsFunction().HandleAsync),
            [LocalFunctionNames.PushShard] = Entry(() => new PushShardFunction().HandleAsync),
            [LocalFunctionNames.NotifyResults] = Entry(() => new NotifyResultsFunction().HandleAsync),
            [LocalFunctionNames.GetFeedLabels] = Entry(() => new GetFeedLabelsFunction().HandleAsync),
            [LocalFunctionNames.ExportFeed] = Entry(() => new ExportFeedFunction().HandleAsync),
            [LocalFunctionNames.DeleteImage] = Entry(() => new DeleteImageFunction().HandleAsync),
            [LocalFunctionNames.IndexFeed] = Entry(() => new IndexFeedFunction().HandleAsync),
            [LocalFunctionNames.SweepStaleImages] = Entry(() => new SweepStaleImagesFunction().HandleAsync),
            [LocalFunctionNames.SubscribeToFeed] = Entry(() => new SubscribeToFeedFunction().HandleAsync),
        };
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

    private static Lazy<Func<Stream, Task<Stream>>> Entry(Func<Func<Stream, Task<Stream>>> create) => new(create);
}
