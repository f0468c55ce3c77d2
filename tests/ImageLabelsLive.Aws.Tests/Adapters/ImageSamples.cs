using System.Text.Json;
using ImageLabelsLive.Core.Images;
using ImageLabelsLive.Core.Web;

namespace ImageLabelsLive.Aws.Tests.Adapters;

/// <summary>Image records for the adapter tests, and record equality as the web API would show it.</summary>
internal static class ImageSamples
{
    public static readonly DateTimeOffset Start = new(2026, 11, 21, 9, 0, 0, 123, TimeSpan.Zero);

    public static ImageRecord Uploading(string? feedId = null, DateTimeOffset? createdAt = null) => new()
    {
        ImageId = ImageIds.New(),
        FeedId = feedId ?? TestIds.Feed(),
        FileName = "Café – holiday (1).png",
        ContentType = "image/png",
        Size = 1_234_567,
        Status = ImageStatus.Uploading,
        CreatedAt = createdAt ?? Start,
        UpdatedAt = createdAt ?? Start,
    };

    /// <summary>Labels with every shape the table stores: parents or none, boxes or none, and awkward numbers.</summary>
    public static IReadOnlyList<Label> Labels { get; } =
    [
        new Label("Cat", 98.5, ["Pet", "Animal", "Mammal"],
        [
            new LabelInstance(97.25, new BoundingBox(0.125, 0.0625, 0.5, 0.25)),
            // A float widened to double, and a box a hair from the edge: numbers the table must keep exactly.
            new LabelInstance(55.12, new BoundingBox((double)0.1f, 3.5E-05, 0.999999, 1)),
        ]),
        new Label("Indoors", 71, [], []),
    ];

    public static ImageError Error { get; } = new("NotAnImage", "\"notes.png\" is not a JPEG or PNG image, whatever its name says.");

    public static string Json(ImageRecord record) => JsonSerializer.Serialize(record, WebJson.Default.ImageRecord);

    public static void ShouldEqualRecord(this ImageRecord? actual, ImageRecord expected)
    {
        actual.ShouldNotBeNull();
        Json(actual).ShouldBe(Json(expected));
    }
}
