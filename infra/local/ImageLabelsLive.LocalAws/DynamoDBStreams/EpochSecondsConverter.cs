using System.Text.Json;
using System.Text.Json.Serialization;

namespace ImageLabelsLive.LocalAws.DynamoDBStreams;

/// <summary>ApproximateCreationDateTime as Lambda sends it: whole epoch seconds, a JSON number.</summary>
internal sealed class EpochSecondsConverter : JsonConverter<DateTime>
{
    public override DateTime Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        DateTime.UnixEpoch.AddSeconds(reader.GetInt64());

    public override void Write(Utf8JsonWriter writer, DateTime value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteNumberValue((long)(value - DateTime.UnixEpoch).TotalSeconds);
    }
}
