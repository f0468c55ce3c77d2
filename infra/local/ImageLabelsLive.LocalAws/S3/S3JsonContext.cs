using System.Text.Json.Serialization;

namespace ImageLabelsLive.LocalAws.S3;

/// <summary>The object store's metadata files.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(S3ObjectMetadata))]
internal sealed partial class S3JsonContext : JsonSerializerContext;
