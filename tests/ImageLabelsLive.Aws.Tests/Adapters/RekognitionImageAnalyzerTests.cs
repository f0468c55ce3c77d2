using Amazon.Rekognition;
using Amazon.Rekognition.Model;
using ImageLabelsLive.Aws.Detection;
using ImageLabelsLive.Core.Images;
using ImageLabelsLive.Core.Ports;
using NSubstitute;
using NSubstitute.ExceptionExtensions;
using RekognitionBoundingBox = Amazon.Rekognition.Model.BoundingBox;

namespace ImageLabelsLive.Aws.Tests.Adapters;

public class RekognitionImageAnalyzerTests
{
    private const string Bucket = "ill-uploads";
    private const string Key = "uploads/AAAAAAAAAAAAAAAAAAAAAA/0192f1e0c0de7000a000000000000000";

    private readonly IAmazonRekognition rekognition = Substitute.For<IAmazonRekognition>();

    private RekognitionImageAnalyzer Analyzer() => new(rekognition, maxLabels: 12, minConfidence: 62.5f);

    [Fact]
    public async Task DetectLabelsAsync_BothFeatures_AsksOnceForGeneralLabelsAndImagePropertiesByS3Reference()
    {
        DetectLabelsRequest? sent = null;
        rekognition.DetectLabelsAsync(Arg.Do<DetectLabelsRequest>(request => sent = request), Arg.Any<CancellationToken>()).Returns(new DetectLabelsResponse
        {
            Labels = [new Amazon.Rekognition.Model.Label { Name = "Cat", Confidence = 90, Categories = [new LabelCategory { Name = "Animals and Pets" }], Aliases = [new LabelAlias { Name = "Kitty" }] }],
            ImageProperties = new DetectLabelsImageProperties
            {
                Quality = new DetectLabelsImageQuality { Brightness = 21.5f, Sharpness = 88, Contrast = 40 },
                DominantColors = [new Amazon.Rekognition.Model.DominantColor { HexCode = "#0d0d0d", CSSColor = "black", SimplifiedColor = "black", PixelPercent = 62 }],
            },
        });

        var answer = await Analyzer().DetectLabelsAsync(Bucket, Key, new LabelFeatures(true, true), default);

        sent!.Features.ShouldBe(["GENERAL_LABELS", "IMAGE_PROPERTIES"]);
        sent.Image!.S3Object!.Name.ShouldBe(Key);
        sent.MaxLabels.ShouldBe(12);
        var label = answer.Labels.ShouldHaveSingleItem();
        label.Categories.ShouldBe(["Animals and Pets"]);
        label.Aliases.ShouldBe(["Kitty"]);
        answer.ImageProperties!.Quality.ShouldBe(new Core.Images.ImageQuality(21.5, 88, 40));
        answer.ImageProperties.DominantColors.ShouldBe([new Core.Images.DominantColor("#0d0d0d", "black", "black", 62)]);
    }

    [Fact]
    public async Task DetectLabelsAsync_PropertiesOnly_SendsNoLabelLimitsAndReturnsNoLabels()
    {
        DetectLabelsRequest? sent = null;
        rekognition.DetectLabelsAsync(Arg.Do<DetectLabelsRequest>(request => sent = request), Arg.Any<CancellationToken>())
            .Returns(new DetectLabelsResponse { Labels = [new Amazon.Rekognition.Model.Label { Name = "Cat", Confidence = 90 }] });

        var answer = await Analyzer().DetectLabelsAsync(Bucket, Key, new LabelFeatures(false, true), default);

        sent!.Features.ShouldBe(["IMAGE_PROPERTIES"]);
        sent.MaxLabels.ShouldBeNull();
        answer.Labels.ShouldBeEmpty();
    }

    [Fact]
    public async Task DetectFacesAsync_Answer_AsksForAllAttributesAndKeepsAgeEmotionsSmileButNeverGender()
    {
        DetectFacesRequest? sent = null;
        rekognition.DetectFacesAsync(Arg.Do<DetectFacesRequest>(request => sent = request), Arg.Any<CancellationToken>()).Returns(new DetectFacesResponse
        {
            FaceDetails =
            [
                new FaceDetail
                {
                    Confidence = 99.5f,
                    BoundingBox = new RekognitionBoundingBox { Left = 0.1f, Top = 0.2f, Width = 0.3f, Height = 0.4f },
                    AgeRange = new Amazon.Rekognition.Model.AgeRange { Low = 25, High = 33 },
                    Emotions = [new Amazon.Rekognition.Model.Emotion { Type = EmotionName.HAPPY, Confidence = 95 }],
                    Smile = new Smile { Value = true, Confidence = 90 },
                    Gender = new Gender { Value = GenderType.Female, Confidence = 99 },
                },
                new FaceDetail { Confidence = 50 },
            ],
        });

        var faces = await Analyzer().DetectFacesAsync(Bucket, Key, default);

        sent!.Attributes.ShouldBe(["ALL"]);
        var face = faces.ShouldHaveSingleItem();
        face.AgeRange.ShouldBe(new Core.Images.AgeRange(25, 33));
        face.Emotions.ShouldBe([new Core.Images.Emotion("HAPPY", 95)]);
        face.Smile.ShouldBe(new FaceTrait(true, 90));
        face.Eyeglasses.ShouldBeNull();
        typeof(Face).GetProperties().Select(property => property.Name).ShouldNotContain("Gender");
    }

    [Fact]
    public async Task DetectTextAsync_LinesAndWords_KeepsOnlyLines()
    {
        var box = new RekognitionBoundingBox { Left = 0.1f, Top = 0.5f, Width = 0.4f, Height = 0.1f };
        rekognition.DetectTextAsync(Arg.Any<DetectTextRequest>(), Arg.Any<CancellationToken>()).Returns(new DetectTextResponse
        {
            TextDetections =
            [
                new TextDetection { DetectedText = "NO PARKING", Type = TextTypes.LINE, Id = 0, Confidence = 98, Geometry = new Geometry { BoundingBox = box } },
                new TextDetection { DetectedText = "NO", Type = TextTypes.WORD, Id = 1, ParentId = 0, Confidence = 98, Geometry = new Geometry { BoundingBox = box } },
            ],
        });

        var lines = await Analyzer().DetectTextAsync(Bucket, Key, default);

        lines.ShouldBe([new TextLine("NO PARKING", 98, new Core.Images.BoundingBox(0.1f, 0.5f, 0.4f, 0.1f))]);
    }

    [Fact]
    public async Task DetectModerationLabelsAsync_Answer_MapsTaxonomyAndAsksAtRekognitionsDefaultConfidence()
    {
        DetectModerationLabelsRequest? sent = null;
        rekognition.DetectModerationLabelsAsync(Arg.Do<DetectModerationLabelsRequest>(request => sent = request), Arg.Any<CancellationToken>())
            .Returns(new DetectModerationLabelsResponse
            {
                ModerationLabels =
                [
                    new Amazon.Rekognition.Model.ModerationLabel { Name = "Violence", ParentName = "", Confidence = 88, TaxonomyLevel = 1 },
                    new Amazon.Rekognition.Model.ModerationLabel { Name = "Weapons", ParentName = "Violence", Confidence = 80 },
                ],
            });

        var labels = await Analyzer().DetectModerationLabelsAsync(Bucket, Key, default);

        sent!.MinConfidence.ShouldBe(RekognitionImageAnalyzer.ModerationMinConfidence);
        labels.ShouldBe([new Core.Images.ModerationLabel("Violence", "", 88, 1), new Core.Images.ModerationLabel("Weapons", "Violence", 80, 2)]);
    }

    [Fact]
    public async Task DetectFacesAsync_InvalidImageFormat_IsARejection()
    {
        rekognition.DetectFacesAsync(Arg.Any<DetectFacesRequest>(), Arg.Any<CancellationToken>()).ThrowsAsync(new InvalidImageFormatException("bad"));

        var rejected = await Should.ThrowAsync<ImageRejectedException>(() => Analyzer().DetectFacesAsync(Bucket, Key, default));

        rejected.Error.Code.ShouldBe("InvalidImageFormat");
    }

    [Fact]
    public async Task DetectTextAsync_ThrottledPastPatience_IsUnavailableNamingTheOperation()
    {
        rekognition.DetectTextAsync(Arg.Any<DetectTextRequest>(), Arg.Any<CancellationToken>()).ThrowsAsync(new ThrottlingException("slow down"));
        var patient = new RekognitionImageAnalyzer(rekognition, 10, 50, TimeSpan.FromMilliseconds(300));

        var unavailable = await Should.ThrowAsync<LabelingUnavailableException>(() => patient.DetectTextAsync(Bucket, Key, default));

        unavailable.Message.ShouldStartWith("DetectText stayed unavailable");
    }
}
