using System.Text.Json;
using Amazon.Lambda.DynamoDBEvents;
using ImageLabelsLive.Aws.Serialization;
using ImageLabelsLive.Aws.DynamoDb;
using ImageLabelsLive.Core.Images;

namespace ImageLabelsLive.Aws.Tests.Adapters;

/// <summary>The table's item mapping, and the stream's path back to the same record.</summary>
[Collection(DynaliteGroup.Name)]
public class ImageItemsTests(DynamoDbTables tables)
{
    public static TheoryData<string> States => ["uploading", "labeled", "failed"];

    private static ImageRecord Sample(string state)
    {
        var record = ImageSamples.Uploading();
        return state switch
        {
            "labeled" => record with { Status = ImageStatus.Labeled, Labels = ImageSamples.Labels, UpdatedAt = ImageSamples.Start.AddSeconds(3) },
            "failed" => record with { Status = ImageStatus.Failed, Error = ImageSamples.Error, UpdatedAt = ImageSamples.Start.AddSeconds(3) },
            _ => record,
        };
    }

    [Theory]
    [MemberData(nameof(States))]
    public async Task ToItem_WrittenAndReadBackAsStreamJson_GivesTheSameRecord(string state)
    {
        var record = Sample(state);
        await tables.Client.PutItemAsync(new Amazon.DynamoDBv2.Model.PutItemRequest { TableName = DynamoDbTables.ImagesTable, Item = ImageItems.ToItem(record) });

        var wireImage = await tables.WireImageAsync(record.ImageId);

        StreamImages.ToRecord(wireImage).ShouldEqualRecord(record);
    }

    [Theory]
    [MemberData(nameof(States))]
    public void FromItem_OfToItem_GivesTheSameRecord(string state)
    {
        var record = Sample(state);

        ImageItems.FromItem(ImageItems.ToItem(record)).ShouldEqualRecord(record);
    }

    [Fact]
    public void ToItem_LabelsAsMapsOfTheDesignsTypes()
    {
        var item = ImageItems.ToItem(Sample("labeled"));

        var cat = item["labels"].L[0].M;
        cat["name"].S.ShouldBe("Cat");
        cat["confidence"].N.ShouldBe("98.5");
        cat["parents"].L.Select(parent => parent.S).ShouldBe(["Pet", "Animal", "Mammal"]);
        var instance = cat["instances"].L[0].M;
        instance["confidence"].N.ShouldBe("97.25");
        instance["boundingBox"].M.ToDictionary(pair => pair.Key, pair => pair.Value.N).ShouldBe(
            new Dictionary<string, string> { ["left"] = "0.125", ["top"] = "0.0625", ["width"] = "0.5", ["height"] = "0.25" },
            ignoreOrder: true);
        item.ContainsKey("error").ShouldBeFalse();
    }

    [Fact]
    public void ToRecord_HandWrittenStreamImage_ReadsEveryAttribute()
    {
        const string newImage = """
            {"imageId":{"S":"0192f1e0c0de7000a000000000000001"},"feedId":{"S":"AAAAAAAAAAAAAAAAAAAAAA"},"fileName":{"S":"cat.jpg"},
             "contentType":{"S":"image/jpeg"},"size":{"N":"2048"},"status":{"S":"labeled"},
             "labels":{"L":[{"M":{"name":{"S":"Cat"},"confidence":{"N":"91.5"},"parents":{"L":[{"S":"Pet"}]},
               "instances":{"L":[{"M":{"confidence":{"N":"90"},"boundingBox":{"M":{"left":{"N":"0.1"},"top":{"N":"0.2"},"width":{"N":"0.3"},"height":{"N":"0.4"}}}}}]}}}]},
             "createdAt":{"S":"2026-11-21T09:00:00.000Z"},"updatedAt":{"S":"2026-11-21T09:00:02.500Z"},"notifiedAt":{"S":"2026-11-21T09:00:03.000Z"}}
            """;

        var record = StreamImages.ToRecord(JsonSerializer.Deserialize(newImage, LambdaJson.Default.AttributeValueMap))!;

        record.ShouldEqualRecord(new ImageRecord
        {
            ImageId = "0192f1e0c0de7000a000000000000001",
            FeedId = "AAAAAAAAAAAAAAAAAAAAAA",
            FileName = "cat.jpg",
            ContentType = "image/jpeg",
            Size = 2048,
            Status = ImageStatus.Labeled,
            Labels = [new Label("Cat", 91.5, ["Pet"], [new LabelInstance(90, new BoundingBox(0.1, 0.2, 0.3, 0.4))])],
            CreatedAt = new DateTimeOffset(2026, 11, 21, 9, 0, 0, TimeSpan.Zero),
            UpdatedAt = new DateTimeOffset(2026, 11, 21, 9, 0, 2, 500, TimeSpan.Zero),
        });
    }

    [Fact]
    public void ToRecord_MinimalImage_ReadsWithNoLabelsAndNoError()
    {
        var record = StreamImages.ToRecord(MinimalImage())!;

        record.Labels.ShouldBeEmpty();
        record.Error.ShouldBeNull();
        record.Status.ShouldBe(ImageStatus.Uploading);
    }

    [Fact]
    public void ToRecord_NoImage_ReturnsNull()
    {
        StreamImages.ToRecord(null).ShouldBeNull();
        StreamImages.ToRecord([]).ShouldBeNull();
    }

    [Theory]
    [InlineData("status")]
    [InlineData("feedId")]
    [InlineData("size")]
    [InlineData("createdAt")]
    public void ToRecord_MissingRequiredAttribute_ThrowsFormatExceptionNamingIt(string attribute)
    {
        var image = MinimalImage();
        image.Remove(attribute);

        Should.Throw<FormatException>(() => StreamImages.ToRecord(image)).Message.ShouldContain(attribute);
    }

    private static Dictionary<string, DynamoDBEvent.AttributeValue> MinimalImage() => new()
    {
        ["imageId"] = new() { S = ImageIds.New() },
        ["feedId"] = new() { S = "AAAAAAAAAAAAAAAAAAAAAA" },
        ["fileName"] = new() { S = "a.png" },
        ["contentType"] = new() { S = "image/png" },
        ["size"] = new() { N = "5" },
        ["status"] = new() { S = "uploading" },
        ["createdAt"] = new() { S = "2026-11-21T09:00:00.000Z" },
        ["updatedAt"] = new() { S = "2026-11-21T09:00:00.000Z" },
    };
}
