using System.Text;

namespace ImageLabelsLive.Reliability.Tests.RunningStack;

/// <summary>An image to upload and the final status it must reach.</summary>
public sealed record SampleImage(string FileName, byte[] Bytes, string ContentType, string ExpectedStatus);

/// <summary>
/// What the load tests upload: generated PNGs (always), the photos of ../shared/images when it is there, and broken
/// files that must end "failed" (text named .png, and ../shared's truncated JPEG).
/// </summary>
public static class SampleImages
{
    private static readonly Lazy<SampleImage[]> Photos = new(LoadPhotos);

    /// <summary>The <paramref name="index"/>-th image of a mix where every <paramref name="brokenEvery"/>-th one is broken.</summary>
    public static SampleImage Mixed(int index, int brokenEvery)
    {
        var unique = Guid.NewGuid().ToString("N")[..8];
        if (index % brokenEvery == brokenEvery - 1)
        {
            return (index / brokenEvery) % 2 == 1 && SharedData.Directory is not null
                ? new SampleImage($"truncated-{unique}.jpg", File.ReadAllBytes(SharedData.PathOf("images", "invalid", "truncated_dog_50000of163759.jpg")), "image/jpeg", "failed")
                : new SampleImage($"notes-{unique}.png", Encoding.UTF8.GetBytes($"not an image, just text {unique}"), "image/png", "failed");
        }
        if (index % 2 == 1 && Photos.Value.Length > 0)
        {
            var photo = Photos.Value[index / 2 % Photos.Value.Length];
            return photo with { FileName = $"{unique}-{photo.FileName}" };
        }
        var side = 80 + index % 7 * 16;
        return new SampleImage($"gradient-{unique}.png", TestImages.GradientPng(side, side), "image/png", "labeled");
    }

    private static SampleImage[] LoadPhotos()
    {
        if (SharedData.Directory is null)
        {
            return [];
        }
        return Directory.EnumerateFiles(SharedData.PathOf("images"))
            .Where(path => path.EndsWith(".jpg", StringComparison.Ordinal) || path.EndsWith(".png", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(path => new SampleImage(
                Path.GetFileName(path),
                File.ReadAllBytes(path),
                path.EndsWith(".png", StringComparison.Ordinal) ? "image/png" : "image/jpeg",
                "labeled"))
            .ToArray();
    }
}
