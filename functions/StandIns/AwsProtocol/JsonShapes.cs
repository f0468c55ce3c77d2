using System.Buffers;
using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using Amazon.Runtime;

namespace ImageLabelsLive.Aws.AwsProtocol;

/// <summary>
/// Writes and reads JSON-protocol shapes (Rekognition's JSON 1.1) straight from the model classes: in that
/// protocol every member's wire name is its model name, which is also the SDK's property name. Strings,
/// numbers and booleans are written as themselves, <see cref="ConstantClass"/> enums as their value,
/// <see cref="MemoryStream"/> blobs as base64, lists as arrays and structures as objects. Unset (null) members
/// are left out; members the answer has and the class lacks are skipped, as the SDK's unmarshallers do.
/// </summary>
internal static class JsonShapes
{
    private static readonly ConcurrentDictionary<Type, PropertyInfo[]> Properties = new();

    public static byte[] Write(object request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            WriteValue(writer, request);
        }
        return buffer.WrittenSpan.ToArray();
    }

    public static T Read<T>(byte[] body)
        where T : new()
    {
        if (body.Length == 0)
        {
            return new T();
        }
        using var document = JsonDocument.Parse(body);
        return Read(document.RootElement, typeof(T)) is T shape ? shape : new T();
    }

    private static void WriteValue(Utf8JsonWriter writer, object value)
    {
        switch (value)
        {
            case string text:
                writer.WriteStringValue(text);
                break;
            case ConstantClass constant:
                writer.WriteStringValue(constant.Value);
                break;
            case bool flag:
                writer.WriteBooleanValue(flag);
                break;
            case int number:
                writer.WriteNumberValue(number);
                break;
            case long number:
                writer.WriteNumberValue(number);
                break;
            case float number:
                writer.WriteNumberValue(number);
                break;
            case double number:
                writer.WriteNumberValue(number);
                break;
            case MemoryStream blob:
                // The whole stream, whatever its position, as the SDK sends it.
                writer.WriteBase64StringValue(blob.TryGetBuffer(out var segment) ? segment.AsSpan() : blob.ToArray());
                break;
            case DateTime time:
                writer.WriteNumberValue(new DateTimeOffset(time.ToUniversalTime()).ToUnixTimeMilliseconds() / 1000d);
                break;
            case IEnumerable items:
                writer.WriteStartArray();
                foreach (var item in items)
                {
                    if (item is not null)
                    {
                        WriteValue(writer, item);
                    }
                }
                writer.WriteEndArray();
                break;
            default:
                writer.WriteStartObject();
                foreach (var property in ShapeMembers(value.GetType()))
                {
                    if (property.GetValue(value) is { } member)
                    {
                        writer.WritePropertyName(property.Name);
                        WriteValue(writer, member);
                    }
                }
                writer.WriteEndObject();
                break;
        }
    }

    private static object? Read(JsonElement element, Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(string))
        {
            return element.ValueKind == JsonValueKind.String ? element.GetString() : null;
        }
        if (typeof(ConstantClass).IsAssignableFrom(type))
        {
            return element.ValueKind == JsonValueKind.String ? Constant(type, element.GetString()!) : null;
        }
        if (type == typeof(bool))
        {
            return element.ValueKind is JsonValueKind.True or JsonValueKind.False ? element.GetBoolean() : null;
        }
        if (type == typeof(float))
        {
            return element.ValueKind == JsonValueKind.Number ? element.GetSingle() : null;
        }
        if (type == typeof(double))
        {
            return element.ValueKind == JsonValueKind.Number ? element.GetDouble() : null;
        }
        if (type == typeof(int))
        {
            return element.ValueKind == JsonValueKind.Number && element.TryGetInt32(out var number) ? number : null;
        }
        if (type == typeof(long))
        {
            return element.ValueKind == JsonValueKind.Number && element.TryGetInt64(out var number) ? number : null;
        }
        if (type == typeof(MemoryStream))
        {
            return element.ValueKind == JsonValueKind.String && element.TryGetBytesFromBase64(out var bytes) ? new MemoryStream(bytes) : null;
        }
        if (type == typeof(DateTime))
        {
            return element.ValueKind == JsonValueKind.Number
                ? DateTimeOffset.FromUnixTimeMilliseconds((long)(element.GetDouble() * 1000)).UtcDateTime
                : null;
        }
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(List<>))
        {
            if (element.ValueKind != JsonValueKind.Array)
            {
                return null;
            }
            var itemType = type.GetGenericArguments()[0];
            var list = (IList)Activator.CreateInstance(type)!;
            foreach (var item in element.EnumerateArray())
            {
                if (Read(item, itemType) is { } read)
                {
                    list.Add(read);
                }
            }
            return list;
        }
        if (element.ValueKind != JsonValueKind.Object)
        {
            return null;
        }
        var shape = Activator.CreateInstance(type)!;
        foreach (var property in ShapeMembers(type))
        {
            if (element.TryGetProperty(property.Name, out var member) && member.ValueKind != JsonValueKind.Null)
            {
                property.SetValue(shape, Read(member, property.PropertyType));
            }
        }
        return shape;
    }

    /// <summary>The members a model class declares; those of the SDK's own bases (request and response metadata) are not on the wire.</summary>
    private static PropertyInfo[] ShapeMembers(Type type) => Properties.GetOrAdd(type, static type => type
        .GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Where(property => property.CanRead && property.CanWrite && property.GetIndexParameters().Length == 0
            && property.DeclaringType?.Namespace != typeof(AmazonWebServiceRequest).Namespace)
        .ToArray());

    private static ConstantClass Constant(Type type, string value) =>
        type.GetMethod("FindValue", BindingFlags.Public | BindingFlags.Static, [typeof(string)])?.Invoke(null, [value]) as ConstantClass
        ?? (ConstantClass)Activator.CreateInstance(type, value)!;
}
