using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace ImageLabelsLive.Functions.Hosting;

/// <summary>
/// The Stream → Stream glue Lambda's managed runtime calls: read the event with source-generated
/// JSON, run the typed handler, write its answer. No Lambda package is needed for this shape.
/// </summary>
internal static class LambdaStreams
{
    public static async Task<Stream> HandleAsync<TEvent, TResponse>(
        Stream input,
        JsonTypeInfo<TEvent> eventType,
        JsonTypeInfo<TResponse> responseType,
        Func<TEvent, CancellationToken, Task<TResponse>> handler)
    {
        ArgumentNullException.ThrowIfNull(input);
        var lambdaEvent = await JsonSerializer.DeserializeAsync(input, eventType).ConfigureAwait(false)
            ?? throw new JsonException($"The invocation payload is not a {typeof(TEvent).Name}.");
        var response = await handler(lambdaEvent, CancellationToken.None).ConfigureAwait(false);
        var output = new MemoryStream();
        await JsonSerializer.SerializeAsync(output, response, responseType).ConfigureAwait(false);
        output.Position = 0;
        return output;
    }

    /// <summary>For events with no answer (S3 notifications): an empty JSON object.</summary>
    public static async Task<Stream> HandleAsync<TEvent>(Stream input, JsonTypeInfo<TEvent> eventType, Func<TEvent, CancellationToken, Task> handler)
    {
        ArgumentNullException.ThrowIfNull(input);
        var lambdaEvent = await JsonSerializer.DeserializeAsync(input, eventType).ConfigureAwait(false)
            ?? throw new JsonException($"The invocation payload is not a {typeof(TEvent).Name}.");
        await handler(lambdaEvent, CancellationToken.None).ConfigureAwait(false);
        return new MemoryStream("{}"u8.ToArray(), writable: false);
    }
}
