using System.Text;
using System.Text.Json;
using ImageLabelsLive.LocalAws.Lambda;

namespace ImageLabelsLive.LocalAws.Tests.DynamoDBStreams;

/// <summary>
/// A fake Lambda service for stream consumers: records every invocation, and answers with the function's handler
/// (the default answers {"batchItemFailures":[]}). Handlers throw to fail a batch.
/// </summary>
internal sealed class RecordingInvoker : ILambdaInvoker
{
    private readonly Dictionary<string, Func<StreamInvocation, Task<string>>> _handlers = new(StringComparer.Ordinal);
    private readonly List<StreamInvocation> _invocations = [];

    public void Handle(string functionName, Func<StreamInvocation, Task<string>> handler)
    {
        lock (_handlers)
        {
            _handlers[functionName] = handler;
        }
    }

    public async Task<byte[]> InvokeAsync(string functionName, byte[] payload, CancellationToken cancellationToken)
    {
        var invocation = new StreamInvocation(functionName, payload);
        Func<StreamInvocation, Task<string>>? handler;
        lock (_invocations)
        {
            _invocations.Add(invocation);
        }
        lock (_handlers)
        {
            _handlers.TryGetValue(functionName, out handler);
        }
        var answer = handler is null ? """{"batchItemFailures":[]}""" : await handler(invocation);
        return Encoding.UTF8.GetBytes(answer);
    }

    public IReadOnlyList<StreamInvocation> InvocationsOf(string functionName)
    {
        lock (_invocations)
        {
            return _invocations.Where(i => i.FunctionName == functionName).ToArray();
        }
    }

    /// <summary>Every record the function was given, in delivery order, retries and duplicates included.</summary>
    public IReadOnlyList<JsonElement> RecordsSeenBy(string functionName) =>
        InvocationsOf(functionName).SelectMany(i => i.Records).ToArray();

    public static async Task WaitUntilAsync(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("Timed out waiting until " + what);
            }
            await Task.Delay(10);
        }
    }
}

/// <summary>One invocation: the raw payload and its records.</summary>
internal sealed class StreamInvocation
{
    public StreamInvocation(string functionName, byte[] payload)
    {
        FunctionName = functionName;
        Payload = payload;
        using var document = JsonDocument.Parse(payload);
        Event = document.RootElement.Clone();
        Records = Event.GetProperty(nameof(Records)).EnumerateArray().ToArray();
    }

    public string FunctionName { get; }

    public DateTime Timestamp { get; } = DateTime.UtcNow;

    public byte[] Payload { get; }

    public JsonElement Event { get; }

    public IReadOnlyList<JsonElement> Records { get; }

    public IEnumerable<string> SequenceNumbers => Records.Select(StreamRecords.SequenceNumber);
}

/// <summary>Reading stream records in assertions.</summary>
internal static class StreamRecords
{
    public static string SequenceNumber(JsonElement record) => record.GetProperty("dynamodb").GetProperty("SequenceNumber").GetString()!;

    public static string EventName(JsonElement record) => record.GetProperty("eventName").GetString()!;

    public static string? KeyS(JsonElement record, string name) =>
        record.GetProperty("dynamodb").GetProperty("Keys").GetProperty(name).GetProperty("S").GetString();

    public static JsonElement? Image(JsonElement record, string which) =>
        record.GetProperty("dynamodb").TryGetProperty(which, out var image) ? image : null;

    public static string? ImageS(JsonElement record, string which, string attribute) =>
        Image(record, which) is { } image && image.TryGetProperty(attribute, out var value) ? value.GetProperty("S").GetString() : null;
}
