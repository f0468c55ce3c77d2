using System.Text.Json;

namespace ImageLabelsLive.LocalAws.S3;

/// <summary>S3 event member names: camelCase, except the top-level "Records", which S3 capitalizes.</summary>
internal sealed class S3EventNaming : JsonNamingPolicy
{
    public override string ConvertName(string name) => name == "Records" ? name : CamelCase.ConvertName(name);
}
