using System.Text.Json;
using ImageLabelsLive.Core.Images;
using ImageLabelsLive.Core.Web;

namespace ImageLabelsLive.Core.Export;

/// <summary>The JSON export, {"feedId", "exportedAt", "images": [ImageRecord…]}, written record by record.</summary>
public sealed class JsonExportWriter(Stream output) : IExportWriter
{
    private readonly Utf8JsonWriter writer = new(output, new JsonWriterOptions { Indented = false });

    public Task BeginAsync(string feedId, DateTimeOffset exportedAt, CancellationToken cancellationToken)
    {
        writer.WriteStartObject();
        writer.WriteString("feedId", feedId);
        writer.WriteString("exportedAt", UtcTimestampConverter.ToText(exportedAt));
        writer.WriteStartArray("images");
        return Task.CompletedTask;
    }

    public async Task WriteAsync(ImageRecord image, CancellationToken cancellationToken)
    {
        JsonSerializer.Serialize(writer, image, WebJson.Default.ImageRecord);
        // Flushed per record, so memory holds one record's JSON, not the feed's.
        await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task EndAsync(CancellationToken cancellationToken)
    {
        writer.WriteEndArray();
        writer.WriteEndObject();
        await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    public ValueTask DisposeAsync() => writer.DisposeAsync();
}

/// <summary>Writes an export record by record to a stream.</summary>
public interface IExportWriter : IAsyncDisposable
{
    Task BeginAsync(string feedId, DateTimeOffset exportedAt, CancellationToken cancellationToken);

    Task WriteAsync(ImageRecord image, CancellationToken cancellationToken);

    Task EndAsync(CancellationToken cancellationToken);
}
