using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using ImageLabelsLive.Core.Images;
using ImageLabelsLive.Core.Subscriptions;
using ImageLabelsLive.Core.Uploads;

namespace ImageLabelsLive.Core.Web;

/// <summary>GET /feeds/{feedId}/images: a page, and the opaque cursor of the next one (null at the end).</summary>
public sealed record ImageListResponse(IReadOnlyList<ImageRecord> Images, string? NextCursor = null);

/// <summary>Every 4xx/5xx body of the web API: {"error":{"code","message"}}.</summary>
public sealed record ErrorResponse(ImageError Error);

/// <summary>Server → client on every status change.</summary>
public sealed record ImagePushMessage(ImageRecord Image)
{
    [JsonPropertyOrder(-1)]
    public string Type { get; init; } = "image";
}

/// <summary>Server → client, the answer to {"action":"ping"}.</summary>
public sealed record PongMessage
{
    public string Type { get; init; } = "pong";
}

/// <summary>Server → client, when a client's message made no sense.</summary>
public sealed record ErrorMessage(ImageError Error)
{
    [JsonPropertyOrder(-1)]
    public string Type { get; init; } = "error";
}

/// <summary>Client → server over the socket.</summary>
public sealed record ClientMessage(string? Action);

/// <summary>The web API's JSON: camelCase, times as ISO 8601 UTC, null errors written out. Source-generated for speed.</summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    Converters = [typeof(UtcTimestampConverter)])]
[JsonSerializable(typeof(ImageRecord))]
[JsonSerializable(typeof(ImageListResponse))]
[JsonSerializable(typeof(ErrorResponse))]
[JsonSerializable(typeof(ImagePushMessage))]
[JsonSerializable(typeof(PongMessage))]
[JsonSerializable(typeof(ErrorMessage))]
[JsonSerializable(typeof(ClientMessage))]
[JsonSerializable(typeof(CreateUploadCommand))]
[JsonSerializable(typeof(CreateUploadResult))]
[JsonSerializable(typeof(DuplicateUploadResult))]
[JsonSerializable(typeof(ImageLabelsLive.Core.FeedLabels.FeedLabelsResponse))]
[JsonSerializable(typeof(SubscribeToFeedCommand))]
[JsonSerializable(typeof(SubscribeToFeedResult))]
public sealed partial class WebJson : JsonSerializerContext;

/// <summary>
/// Times as "2026-11-21T09:30:00.123Z": UTC, fixed width, so the text sorts as the time does
/// (the feed index sorts on it).
/// </summary>
public sealed class UtcTimestampConverter : JsonConverter<DateTimeOffset>
{
    public const string Format = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    public static string ToText(DateTimeOffset value) => value.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture);

    public static DateTimeOffset Parse(string text) =>
        DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Parse(reader.GetString() ?? throw new JsonException("A timestamp must be a string."));

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(ToText(value));
    }
}
