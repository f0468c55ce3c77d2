using System.Text.Json.Serialization;

namespace ImageLabelsLive.Core.Images;

/// <summary>Where an image is in the pipeline. Declared in the only order it may move.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ImageStatus>))]
public enum ImageStatus
{
    [JsonStringEnumMemberName("uploading")] Uploading = 0,
    [JsonStringEnumMemberName("processing")] Processing = 1,
    [JsonStringEnumMemberName("labeled")] Labeled = 2,
    [JsonStringEnumMemberName("failed")] Failed = 3,
    /// <summary>A tombstone: the bytes are gone and the record is kept a while so that tabs catching up learn of it.</summary>
    [JsonStringEnumMemberName("deleted")] Deleted = 4,
}

public static class ImageStatusNames
{
    public static string ToWire(this ImageStatus status) => status switch
    {
        ImageStatus.Uploading => "uploading",
        ImageStatus.Processing => "processing",
        ImageStatus.Labeled => "labeled",
        ImageStatus.Failed => "failed",
        ImageStatus.Deleted => "deleted",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown image status."),
    };

    public static bool TryParse(string? wire, out ImageStatus status)
    {
        switch (wire)
        {
            case "uploading": status = ImageStatus.Uploading; return true;
            case "processing": status = ImageStatus.Processing; return true;
            case "labeled": status = ImageStatus.Labeled; return true;
            case "failed": status = ImageStatus.Failed; return true;
            case "deleted": status = ImageStatus.Deleted; return true;
            default: status = default; return false;
        }
    }

    public static bool IsFinal(this ImageStatus status) => status is ImageStatus.Labeled or ImageStatus.Failed;
}
