using System.Text.Json;
using System.Text.Json.Serialization;

namespace Amazon.Lambda.Serialization.SystemTextJson.Converters;

/// <summary>
/// A DateTime read from an ISO 8601 string or from epoch seconds (a number, possibly with a fraction), as DynamoDB
/// Streams sends ApproximateCreationDateTime; a whole number past the year 5000 is taken as epoch milliseconds
/// (Kinesis). Written as an ISO 8601 string. The package's serializer registers it in its options.
/// </summary>
public class DateTimeConverter : JsonConverter<DateTime>
{
    /// <summary>The package's threshold (seconds from DateTime.MinValue to the year 5000), compared with epoch seconds as it does.</summary>
    private const long Year5000InSeconds = 157753180800;

    public override DateTime Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String && reader.TryGetDateTime(out var date))
        {
            return date;
        }
        if (reader.TokenType == JsonTokenType.Number)
        {
            try
            {
                if (reader.TryGetInt64(out var whole))
                {
                    return whole > Year5000InSeconds ? DateTime.UnixEpoch.AddMilliseconds(whole) : DateTime.UnixEpoch.AddSeconds(whole);
                }
                if (reader.TryGetDouble(out var seconds))
                {
                    return DateTime.UnixEpoch.AddSeconds(seconds);
                }
            }
            catch (ArgumentOutOfRangeException outOfRange)
            {
                throw new JsonException("The time is out of DateTime's range.", outOfRange);
            }
        }
        throw new JsonException($"Unknown data type for DateTime: {reader.TokenType}");
    }

    public override void Write(Utf8JsonWriter writer, DateTime value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value);
    }
}
