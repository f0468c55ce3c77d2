using System.Text.Json;
using ImageLabelsLive.Core.Images;
using ImageLabelsLive.Core.Web;
using ImageLabelsLive.Testing.Fakes;

namespace ImageLabelsLive.Core.Tests.Web;

public class WebJsonTests
{
    [Fact]
    public void Serialize_ImageRecord_UsesTheDocumentedNames()
    {
        var record = Samples.Record(ImageStatus.Labeled, imageId: "0123456789abcdef0123456789abcdef") with { Labels = [Samples.Cat] };

        using var json = JsonDocument.Parse(JsonSerializer.Serialize(record, WebJson.Default.ImageRecord));
        var root = json.RootElement;

        root.EnumerateObject().Select(property => property.Name).ShouldBe(
            ["imageId", "feedId", "fileName", "contentType", "size", "status", "labels", "faces", "text", "moderation", "imageProperties", "analyses",
             "error", "createdAt", "updatedAt", "imageUrl"],
            ignoreOrder: true);
        root.GetProperty("status").GetString().ShouldBe("labeled");
        root.GetProperty("error").ValueKind.ShouldBe(JsonValueKind.Null);
        root.GetProperty("createdAt").GetString().ShouldBe("2026-11-21T09:00:00.000Z");
        var label = root.GetProperty("labels")[0];
        label.GetProperty("name").GetString().ShouldBe("Cat");
        label.GetProperty("confidence").GetDouble().ShouldBe(91.5);
        label.GetProperty("parents")[0].GetString().ShouldBe("Pet");
        var box = label.GetProperty("instances")[0].GetProperty("boundingBox");
        box.EnumerateObject().Select(property => property.Name).ShouldBe(["left", "top", "width", "height"]);
    }

    [Fact]
    public void Serialize_PushMessage_HasTypeImageFirst()
    {
        var text = JsonSerializer.Serialize(new ImagePushMessage(Samples.Record()), WebJson.Default.ImagePushMessage);

        text.ShouldStartWith("{\"type\":\"image\",\"image\":{");
    }

    [Fact]
    public void Serialize_Error_IsCodeAndMessage() =>
        JsonSerializer.Serialize(new ErrorResponse(new ImageError("TooLarge", "big")), WebJson.Default.ErrorResponse)
            .ShouldBe("{\"error\":{\"code\":\"TooLarge\",\"message\":\"big\"}}");

    [Fact]
    public void Deserialize_ImageRecord_RoundTrips()
    {
        var record = Samples.Record(ImageStatus.Failed) with { Error = new ImageError("NotAnImage", "no") };

        var back = JsonSerializer.Deserialize(JsonSerializer.Serialize(record, WebJson.Default.ImageRecord), WebJson.Default.ImageRecord)!;

        back.ShouldBe(record with { Labels = back.Labels, Faces = back.Faces, Text = back.Text, Moderation = back.Moderation });
        back.Labels.ShouldBeEmpty();
    }

    [Fact]
    public void ToText_NonUtcOffset_IsWrittenAsUtcWithZ() =>
        UtcTimestampConverter.ToText(new DateTimeOffset(2026, 1, 2, 3, 4, 5, 6, TimeSpan.FromHours(2))).ShouldBe("2026-01-02T01:04:05.006Z");
}
