using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace ImageLabelsLive.LocalAws.DynamoDBStreams;

/// <summary>
/// The local on-failure destination: appends one JSON line per record given up on. Consumers may share a file,
/// so writes are serialized.
/// </summary>
internal sealed class StreamFailureDestination(ILogger<StreamFailureDestination> logger) : IDisposable
{
    private static readonly UTF8Encoding Utf8WithoutBom = new(encoderShouldEmitUTF8Identifier: false);
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task WriteAsync(string? path, StreamFailureEntry entry)
    {
        if (path is null)
        {
            return;
        }
        var line = JsonSerializer.Serialize(entry, StreamJsonContext.Default.StreamFailureEntry) + "\n";
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            var directory = Path.GetDirectoryName(Path.GetFullPath(path));
            if (directory is not null)
            {
                Directory.CreateDirectory(directory);
            }
            await File.AppendAllTextAsync(path, line, Utf8WithoutBom).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The record is already logged in full by the mapping; a full disk must not stop the stream.
            logger.LogError(ex, "Could not append to the stream on-failure destination {Path}", path);
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();
}
