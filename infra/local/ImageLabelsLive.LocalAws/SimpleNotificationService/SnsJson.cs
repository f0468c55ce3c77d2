using System.Text.Json.Serialization;

namespace ImageLabelsLive.LocalAws.SimpleNotificationService;

/// <summary>The local SNS's own JSON: its subscriptions file and string escaping, source-generated.</summary>
[JsonSourceGenerationOptions(WriteIndented = true)]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(List<SnsSubscription>))]
internal sealed partial class SnsJson : JsonSerializerContext;
