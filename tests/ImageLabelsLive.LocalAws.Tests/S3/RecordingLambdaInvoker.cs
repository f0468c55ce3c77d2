using System.Collections.Concurrent;
using System.Text.Json;
using ImageLabelsLive.LocalAws.Lambda;

namespace ImageLabelsLive.LocalAws.Tests.S3;

/// <summary>A fake Lambda: records every invocation, and fails those for chosen object keys a chosen number of times.</summary>
internal sealed class RecordingLambdaInvoker : ILambdaInvoker, IDisposable
{
    private readonly ConcurrentQueue<(string Function, JsonElement Event)> invocations = new();
    private readonly ConcurrentDictionary<string, int> failuresLeft = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim arrived = new(0);

    public IReadOnlyList<(string Function, JsonElement Event)> Invocations => [.. invocations];

    public void Dispose() => arrived.Dispose();

    /// <summary>Makes the next <paramref name="times"/> invocations for <paramref name="decodedKey"/> throw.</summary>
    public void FailFor(string decodedKey, int times) => failuresLeft[decodedKey] = times;

    public Task<byte[]> InvokeAsync(string functionName, byte[] payload, CancellationToken cancellationToken)
    {
        var record = JsonDocument.Parse(payload).RootElement.Clone();
        invocations.Enqueue((functionName, record));
        arrived.Release();
        var key = System.Net.WebUtility.UrlDecode(ObjectKey(record));
        if (failuresLeft.TryGetValue(key, out var left) && left > 0)
        {
            failuresLeft[key] = left - 1;
            throw new InvalidOperationException("The function failed (injected by the test).");
        }
        return Task.FromResult("{}"u8.ToArray());
    }

    /// <summary>The invocations whose event names <paramref name="decodedKey"/>, once at least <paramref name="count"/> have arrived.</summary>
    public async Task<IReadOnlyList<JsonElement>> WaitForAsync(string decodedKey, int count, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            var matching = For(decodedKey);
            if (matching.Count >= count)
            {
                return matching;
            }
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                throw new TimeoutException($"{matching.Count} of {count} invocations for '{decodedKey}' arrived.");
            }
            await arrived.WaitAsync(left < TimeSpan.FromMilliseconds(200) ? left : TimeSpan.FromMilliseconds(200));
        }
    }

    public IReadOnlyList<JsonElement> For(string decodedKey) =>
        [.. invocations.Select(i => i.Event).Where(e => System.Net.WebUtility.UrlDecode(ObjectKey(e)) == decodedKey)];

    private static string ObjectKey(JsonElement notification) =>
        notification.GetProperty("Records")[0].GetProperty("s3").GetProperty("object").GetProperty("key").GetString()!;
}
