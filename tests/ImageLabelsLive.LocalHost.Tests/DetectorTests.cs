using Amazon.Rekognition;
using Amazon.Rekognition.Model;
using Amazon.Runtime;

namespace ImageLabelsLive.LocalHost.Tests;

/// <summary>The detector sidecar through the app's own Rekognition client: a real COCO detector behind DetectLabels.</summary>
[Collection(SharedLocalApp.Name)]
public sealed class DetectorTests(LocalAppFixture stack)
{
    private AmazonRekognitionClient Rekognition => new(
        new BasicAWSCredentials("test", "test"),
        new AmazonRekognitionConfig { ServiceURL = stack.Endpoints.Rekognition, AuthenticationRegion = stack.Endpoints.Region });

    [SharedTheory]
    [InlineData("cat_chelsea.png", "Cat")]
    [InlineData("dog_bicycle_truck.jpg", "Dog")]
    public async Task DetectLabels_SharedPhoto_NamesWhatItShows(string file, string expected)
    {
        using var bytes = new MemoryStream(File.ReadAllBytes(SharedData.PathOf("images", file)));

        var response = await Rekognition.DetectLabelsAsync(new DetectLabelsRequest { Image = new Image { Bytes = bytes }, MinConfidence = 30 });

                response.Labels!.Single(label => label.Name == expected).Instances!.ShouldNotBeEmpty();
    }

    [Fact]
    public async Task DetectLabels_S3ObjectOfAnUpload_ReadsItThroughLocalS3()
    {
        var client = new AppClient(stack);
        var feedId = AppClient.NewFeedId();
        var ticket = await client.UploadAsync(feedId, "for-detector.png", TestImages.GradientPng());

        var response = await Rekognition.DetectLabelsAsync(new DetectLabelsRequest
        {
            Image = new Image { S3Object = new S3Object { Bucket = stack.Endpoints.UploadBucket, Name = $"uploads/{feedId}/{ticket.ImageId}" } },
        });

        response.Labels.ShouldNotBeNull();
        response.LabelModelVersion.ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public async Task DetectLabels_TextBytes_IsInvalidImageFormat()
    {
        using var bytes = new MemoryStream("definitely not an image"u8.ToArray());

        await Should.ThrowAsync<InvalidImageFormatException>(() => Rekognition.DetectLabelsAsync(new DetectLabelsRequest { Image = new Image { Bytes = bytes } }));
    }
}
