using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ImageLabelsLive.LocalAws.S3;

/// <summary>An S3 event's eventTime: ISO 8601 in UTC with exactly three fraction digits, e.g. "2024-03-01T12:00:00.000Z".</summary>
internal sealed class S3EventTimeConverter : JsonConverter<DateTime>
{
    public override DateTime Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String && reader.TryGetDateTime(out var time)
            ? time.ToUniversalTime()
            : throw new JsonException("An S3 eventTime is an ISO 8601 string.");

    public override void Write(Utf8JsonWriter writer, DateTime value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
    }
}
