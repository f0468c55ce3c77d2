namespace ImageLabelsLive.Core.Images;

/// <summary>Image ids: made by the server, checked wherever one arrives from outside.</summary>
public static class ImageIds
{
    /// <summary>Time-ordered (UUID v7) so ids sort roughly by creation; 32 lowercase hex characters.</summary>
    public static string New() => Guid.CreateVersion7().ToString("N");

    public static bool IsValid(string? imageId) =>
        imageId is { Length: 32 } && imageId.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f'));
}
