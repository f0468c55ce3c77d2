using System.Text.Json;
using System.Text.Json.Serialization;

namespace Amazon.Lambda.Serialization.SystemTextJson.Converters;

/// <summary>A MemoryStream as a base64 string (DynamoDB's B, and each item of BS). The package's serializer registers it in its options.</summary>
public class MemoryStreamConverter : JsonConverter<MemoryStream>
{
    public override MemoryStream Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString() ?? throw new JsonException("A binary value must be a base64 string.");
        try
        {
            return new MemoryStream(Convert.FromBase64String(text));
        }
        catch (FormatException notBase64)
        {
            throw new JsonException("A binary value must be a base64 string.", notBase64);
        }
    }

    public override void Write(Utf8JsonWriter writer, MemoryStream value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteBase64StringValue(value.ToArray());
    }
}
