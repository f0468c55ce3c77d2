using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Amazon.Lambda.DynamoDBEvents;

/// <summary>
/// DynamoDB Streams sends ApproximateCreationDateTime as epoch seconds, sometimes with a fraction. Anything that is not
/// a time (text that is no date, a number out of DateTime's range) is a JsonException, like every other malformed field.
/// </summary>
public sealed class EpochSecondsDateTimeConverter : JsonConverter<DateTime>
{
    public override DateTime Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            // Tolerate an ISO 8601 string, as the real Lambda serializer does.
            return DateTime.TryParse(reader.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var parsed)
                ? parsed
                : throw new JsonException("ApproximateCreationDateTime is not a date.");
        }
        if (reader.TokenType != JsonTokenType.Number)
        {
            throw new JsonException("ApproximateCreationDateTime must be epoch seconds.");
        }
        if (!reader.TryGetDecimal(out var seconds) || seconds < MinSeconds || seconds > MaxSeconds)
        {
            throw new JsonException("ApproximateCreationDateTime is out of range.");
        }
        return DateTime.UnixEpoch.AddTicks((long)(seconds * TimeSpan.TicksPerSecond));
    }

    private static readonly decimal MinSeconds = (decimal)(DateTime.MinValue - DateTime.UnixEpoch).TotalSeconds;
    private static readonly decimal MaxSeconds = (decimal)(DateTime.MaxValue - DateTime.UnixEpoch).TotalSeconds;

    public override void Write(Utf8JsonWriter writer, DateTime value, JsonSerializerOptions options)
    {
        var ticks = value.ToUniversalTime().Ticks - DateTime.UnixEpoch.Ticks;
        if (ticks % TimeSpan.TicksPerSecond == 0)
        {
            writer.WriteNumberValue(ticks / TimeSpan.TicksPerSecond);
        }
        else
        {
            writer.WriteNumberValue((decimal)ticks / TimeSpan.TicksPerSecond);
        }
    }
}

/// <summary>Binary attributes (B) travel as base64 strings.</summary>
public sealed class Base64MemoryStreamConverter : JsonConverter<MemoryStream>
{
    public override MemoryStream Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        new(reader.GetBytesFromBase64());

    public override void Write(Utf8JsonWriter writer, MemoryStream value, JsonSerializerOptions options) =>
        writer.WriteBase64StringValue(Contents(value));

    internal static ReadOnlySpan<byte> Contents(MemoryStream stream) =>
        stream.TryGetBuffer(out var buffer) ? buffer.AsSpan() : stream.ToArray();
}

/// <summary>Binary sets (BS) are arrays of base64 strings.</summary>
public sealed class Base64MemoryStreamListConverter : JsonConverter<List<MemoryStream>>
{
    public override List<MemoryStream> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException("A binary set (BS) must be a JSON array of base64 strings.");
        }
        var values = new List<MemoryStream>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            values.Add(new MemoryStream(reader.GetBytesFromBase64()));
        }
        return values;
    }

    public override void Write(Utf8JsonWriter writer, List<MemoryStream> value, JsonSerializerOptions options)
    {
        writer.WriteStartArray();
        foreach (var stream in value)
        {
            writer.WriteBase64StringValue(Base64MemoryStreamConverter.Contents(stream));
        }
        writer.WriteEndArray();
    }
}
