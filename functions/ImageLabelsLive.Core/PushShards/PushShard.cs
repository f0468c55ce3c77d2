using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ImageLabelsLive.Core.PushShards;

/// <summary>
/// One slice of a big feed's connections and the push message they all get, as PushResults hands it to a PushShard
/// worker. <see cref="Message"/> is the exact text every tab receives (serialized, image link and all, once by PushResults).
/// </summary>
public sealed record PushShard(string FeedId, string ImageId, string Status, int Index, int Count, string Message, IReadOnlyList<string> ConnectionIds)
{
    // Quotes as \" rather than the default \u0022: the message is JSON full of quotes and must fit one SNS message.
    private static readonly JsonSerializerOptions Options = new(PushShardJson.Default.Options) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public string ToJson() => JsonSerializer.Serialize(this, Options.GetTypeInfo(typeof(PushShard)));

    /// <summary>How many UTF-8 bytes <paramref name="message"/> takes inside a shard's JSON, quotes included.</summary>
    public static int MessageSizeInJson(string message) =>
        JsonEncodedText.Encode(message, JavaScriptEncoder.UnsafeRelaxedJsonEscaping).EncodedUtf8Bytes.Length + 2;

    /// <exception cref="JsonException">Not a shard.</exception>
    public static PushShard FromJson(string json)
    {
        var shard = JsonSerializer.Deserialize(json, PushShardJson.Default.PushShard) ?? throw new JsonException("A push shard must be a JSON object.");
        if (string.IsNullOrEmpty(shard.Message) || shard.ConnectionIds is null || string.IsNullOrEmpty(shard.ImageId))
        {
            throw new JsonException("A push shard needs imageId, message and connectionIds.");
        }
        return shard;
    }
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(PushShard))]
internal sealed partial class PushShardJson : JsonSerializerContext;
