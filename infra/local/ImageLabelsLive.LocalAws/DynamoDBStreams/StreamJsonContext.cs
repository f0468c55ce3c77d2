using System.Text.Json.Serialization;
using Amazon.Lambda.DynamoDBEvents;

namespace ImageLabelsLive.LocalAws.DynamoDBStreams;

/// <summary>The functions' answers and the on-failure destination's lines.</summary>
[JsonSourceGenerationOptions(WriteIndented = false)]
// The functions' own answer type, so the mapping reads exactly what they write.
[JsonSerializable(typeof(StreamsEventResponse))]
[JsonSerializable(typeof(StreamFailureEntry))]
internal sealed partial class StreamJsonContext : JsonSerializerContext;
