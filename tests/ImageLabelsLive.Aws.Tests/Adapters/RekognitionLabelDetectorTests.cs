using System.Net;
using Amazon.Rekognition;
using Amazon.Rekognition.Model;
using Amazon.Runtime;
using ImageLabelsLive.Aws.Detection;
using ImageLabelsLive.Core.Ports;
using NSubstitute;
using NSubstitute.ExceptionExtensions;
using CoreBoundingBox = ImageLabelsLive.Core.Images.BoundingBox;
using CoreLabelInstance = ImageLabelsLive.Core.Images.LabelInstance;

namespace ImageLabelsLive.Aws.Tests.Adapters;

public class RekognitionLabelDetectorTests
{
    private const string Bucket = "ill-uploads";
    private const string Key = "uploads/AAAAAAAAAAAAAAAAAAAAAA/0192f1e0c0de7000a000000000000000";

    private readonly IAmazonRekognition rekognition = Substitute.For<IAmazonRekognition>();

    private RekognitionLabelDetector Detector() => new(rekognition, maxLabels: 12, minConfidence: 62.5f);

    private void Answer(params Amazon.Rekognition.Model.Label[] labels) =>
        rekognition.DetectLabelsAsync(Arg.Any<DetectLabelsRequest>(), Arg.Any<CancellationToken>()).Returns(new DetectLabelsResponse { Labels = [.. labels] });

    [Fact]
    public async Task DetectAsync_Answer_MapsNamesConfidencesParentsAndInstances()
    {
        Answer(
            new Amazon.Rekognition.Model.Label
            {
                Name = "Cat",
                Confidence = 98.5f,
                Parents = [new Parent { Name = "Pet" }, new Parent { Name = "Animal" }],
                Instances = [new Instance { Confidence = 97.25f, BoundingBox = new BoundingBox { Left = 0.125f, Top = 0.0625f, Width = 0.5f, Height = 0.25f } }],
                Aliases = [new LabelAlias { Name = "Kitty" }],
            },
            new Amazon.Rekognition.Model.Label { Name = "Indoors", Confidence = 71f, Parents = [], Instances = [] });

        var labels = await Detector().DetectAsync(Bucket, Key, default);

        labels.Count.ShouldBe(2);
        labels[0].Name.ShouldBe("Cat");
        labels[0].Confidence.ShouldBe(98.5);
        labels[0].Parents.ShouldBe(["Pet", "Animal"]);
        labels[0].Instances.ShouldBe([new CoreLabelInstance(97.25, new CoreBoundingBox(0.125, 0.0625, 0.5, 0.25))]);
        labels[1].Name.ShouldBe("Indoors");
        labels[1].Confidence.ShouldBe(71);
        labels[1].Parents.ShouldBeEmpty();
        labels[1].Instances.ShouldBeEmpty();
    }

    [Fact]
    public async Task DetectAsync_MissingOptionalParts_MapsToEmptyOrTheLabelsConfidence()
    {
        Answer(new Amazon.Rekognition.Model.Label
        {
            Name = "Dog",
            Confidence = 80f,
            Instances =
            [
                new Instance { BoundingBox = new BoundingBox { Left = 0.5f, Top = 0.5f, Width = 0.25f, Height = 0.25f } },
                new Instance { Confidence = 70f },
            ],
        });

        var label = (await Detector().DetectAsync(Bucket, Key, default)).ShouldHaveSingleItem();

        label.Parents.ShouldBeEmpty();
        // The instance without a box is dropped; the one without a confidence takes the label's.
        label.Instances.ShouldBe([new CoreLabelInstance(80, new CoreBoundingBox(0.5, 0.5, 0.25, 0.25))]);
    }

    [Fact]
    public async Task DetectAsync_NoLabels_ReturnsEmpty()
    {
        rekognition.DetectLabelsAsync(Arg.Any<DetectLabelsRequest>(), Arg.Any<CancellationToken>()).Returns(new DetectLabelsResponse());

        (await Detector().DetectAsync(Bucket, Key, default)).ShouldBeEmpty();
    }

    [Fact]
    public async Task DetectAsync_Request_ReferencesTheS3ObjectWithTheConfiguredLimits()
    {
        DetectLabelsRequest? sent = null;
        rekognition.DetectLabelsAsync(Arg.Do<DetectLabelsRequest>(request => sent = request), Arg.Any<CancellationToken>()).Returns(new DetectLabelsResponse { Labels = [] });

        await Detector().DetectAsync(Bucket, Key, default);

        sent.ShouldNotBeNull();
        sent.Image!.S3Object!.Bucket.ShouldBe(Bucket);
        sent.Image.S3Object.Name.ShouldBe(Key);
        sent.Image.Bytes.ShouldBeNull();
        sent.MaxLabels.ShouldBe(12);
        sent.MinConfidence.ShouldBe(62.5f);
    }

    public static TheoryData<Exception, string> Rejections => new()
    {
        { new InvalidImageFormatException("Request has invalid image format", ErrorType.Sender, "InvalidImageFormatException", "r1", HttpStatusCode.BadRequest), "InvalidImageFormat" },
        { new ImageTooLargeException("Image size is too large", ErrorType.Sender, "ImageTooLargeException", "r2", HttpStatusCode.BadRequest), "ImageTooLarge" },
        { new InvalidS3ObjectException("Unable to get object metadata from S3", ErrorType.Sender, "InvalidS3ObjectException", "r3", HttpStatusCode.BadRequest), "ImageUnavailable" },
        { new InvalidParameterException("Request has invalid parameters", ErrorType.Sender, "InvalidParameterException", "r4", HttpStatusCode.BadRequest), "ImageNotSupported" },
    };

    [Theory]
    [MemberData(nameof(Rejections))]
    public async Task DetectAsync_ImageError_BecomesARejectionAPersonCanRead(Exception serviceError, string code)
    {
        rekognition.DetectLabelsAsync(Arg.Any<DetectLabelsRequest>(), Arg.Any<CancellationToken>()).ThrowsAsync(serviceError);

        var rejected = await Should.ThrowAsync<ImageRejectedException>(() => Detector().DetectAsync(Bucket, Key, default));

        rejected.Error.Code.ShouldBe(code);
        rejected.Error.Message.ShouldNotContain("Exception");
        rejected.Error.Message.ShouldNotBe(serviceError.Message);
        rejected.Error.Message.Length.ShouldBeGreaterThan(20);
        rejected.Error.Message.ShouldEndWith(".");
        rejected.InnerException.ShouldBeSameAs(serviceError);
    }

    public static TheoryData<Exception> TransientErrors => new()
    {
        new ThrottlingException("Rate exceeded", ErrorType.Sender, "ThrottlingException", "r5", HttpStatusCode.BadRequest),
        new InternalServerErrorException("Internal error", ErrorType.Receiver, "InternalServerError", "r6", HttpStatusCode.InternalServerError),
        new ProvisionedThroughputExceededException("Too many", ErrorType.Sender, "ProvisionedThroughputExceededException", "r7", HttpStatusCode.BadRequest),
        // Not a modeled error of the four analyses: the SDK raises it untyped, with its code.
        new AmazonRekognitionException("Limit", ErrorType.Sender, "LimitExceededException", "r8", HttpStatusCode.BadRequest),
        new AmazonRekognitionException("Bad gateway", ErrorType.Receiver, null, null, HttpStatusCode.BadGateway),
        new HttpRequestException("Connection refused"),
    };

    [Theory]
    [MemberData(nameof(TransientErrors))]
    public async Task DetectAsync_ThrottlingOrOutage_IsRethrownForLambdaToRetry(Exception transient)
    {
        rekognition.DetectLabelsAsync(Arg.Any<DetectLabelsRequest>(), Arg.Any<CancellationToken>()).ThrowsAsync(transient);

        var thrown = await Should.ThrowAsync<Exception>(() => Detector().DetectAsync(Bucket, Key, default));

        thrown.ShouldBeSameAs(transient);
    }

    [Fact]
    public async Task DetectAsync_HttpTimeout_IsRethrown()
    {
        rekognition.DetectLabelsAsync(Arg.Any<DetectLabelsRequest>(), Arg.Any<CancellationToken>()).ThrowsAsync(new TaskCanceledException("The request was canceled due to the configured HttpClient.Timeout"));

        var thrown = await Record.ExceptionAsync(() => Detector().DetectAsync(Bucket, Key, default));

        thrown.ShouldBeOfType<TaskCanceledException>().Message.ShouldContain("HttpClient.Timeout");
    }

    [Fact]
    public void ToLabels_Response_KeepsRekognitionsOrder()
    {
        var labels = RekognitionLabelDetector.ToLabels(new DetectLabelsResponse
        {
            Labels = [new Amazon.Rekognition.Model.Label { Name = "B", Confidence = 60f }, new Amazon.Rekognition.Model.Label { Name = "A", Confidence = 90f }],
        });

        labels.Select(label => label.Name).ShouldBe(["B", "A"]);
    }
}
