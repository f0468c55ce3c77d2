using System.Diagnostics;
using System.Net;
using Amazon.Rekognition;
using Amazon.Rekognition.Model;
using Amazon.Runtime;
using ImageLabelsLive.Aws.Detection;
using ImageLabelsLive.Core.Images;
using ImageLabelsLive.Core.Ports;
using ImageLabelsLive.Core.Processing;
using ImageLabelsLive.Testing.Fakes;
using NSubstitute;

namespace ImageLabelsLive.Reliability.Tests;

/// <summary>
/// The fix for images left in "processing" when the detector restarts or throttles: the adapter retries with backoff
/// for its patience, then reports the detector unavailable, and the processor fails the image with a readable reason.
/// </summary>
public sealed class DetectorPatienceTests
{
    private const string Bucket = "ill-uploads";
    private const string Key = "uploads/AAAAAAAAAAAAAAAAAAAAAA/0192f1e0c0de7000a000000000000000";

    [Fact]
    public async Task DetectAsync_ThrottledThenRefusedThenAnswered_RetriesAndReturnsTheLabels()
    {
        var rekognition = ScriptedRekognition(
            new ThrottlingException("Too many requests are queued; retry later."),
            new HttpRequestException("Connection refused"),
            new InternalServerErrorException("Internal error", ErrorType.Receiver, "InternalServerError", "r1", HttpStatusCode.InternalServerError));
        var detector = new RekognitionLabelDetector(rekognition, 10, 30, TimeSpan.FromSeconds(10));

        var labels = await detector.DetectAsync(Bucket, Key, default);

        labels.ShouldHaveSingleItem().Name.ShouldBe("Cat");
        Calls(rekognition).ShouldBe(4);
    }

    [Fact]
    public async Task DetectAsync_RefusedLongerThanPatience_ThrowsLabelingUnavailableAfterAboutThePatience()
    {
        var rekognition = ScriptedRekognition(Enumerable.Repeat<Exception>(new HttpRequestException("Connection refused"), 1000).ToArray());
        var detector = new RekognitionLabelDetector(rekognition, 10, 30, TimeSpan.FromSeconds(1.5));
        var clock = Stopwatch.StartNew();

        var thrown = await Should.ThrowAsync<LabelingUnavailableException>(() => detector.DetectAsync(Bucket, Key, default));

        clock.Elapsed.ShouldBeInRange(TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(6));
        thrown.InnerException.ShouldBeOfType<HttpRequestException>();
        Calls(rekognition).ShouldBeGreaterThan(2);
    }

    [Fact]
    public async Task DetectAsync_AccessDenied_IsNotRetriedAndPropagatesForThePlatform()
    {
        var denied = new AccessDeniedException("not allowed", ErrorType.Sender, "AccessDeniedException", "r2", HttpStatusCode.Forbidden);
        var rekognition = ScriptedRekognition(denied);
        var detector = new RekognitionLabelDetector(rekognition, 10, 30, TimeSpan.FromSeconds(10));

        var thrown = await Should.ThrowAsync<AccessDeniedException>(() => detector.DetectAsync(Bucket, Key, default));

        thrown.ShouldBeSameAs(denied);
        Calls(rekognition).ShouldBe(1);
    }

    [Fact]
    public async Task DetectAsync_InvalidImage_IsRejectedAtOnceWithoutRetry()
    {
        var rekognition = ScriptedRekognition(new InvalidImageFormatException("bad", ErrorType.Sender, "InvalidImageFormatException", "r3", HttpStatusCode.BadRequest));
        var detector = new RekognitionLabelDetector(rekognition, 10, 30, TimeSpan.FromSeconds(10));

        var rejected = await Should.ThrowAsync<ImageRejectedException>(() => detector.DetectAsync(Bucket, Key, default));

        rejected.Error.Code.ShouldBe("InvalidImageFormat");
        Calls(rekognition).ShouldBe(1);
    }

    [Fact]
    public async Task HandleAsync_DetectorUnavailable_FailsTheImageWithAReadableReason()
    {
        var images = new InMemoryImageStore();
        var objects = new InMemoryObjects();
        var record = Samples.Record();
        await images.CreateAsync(record, default);
        objects.Objects[record.ObjectKey] = Samples.PngBytes();
        var detector = new ScriptedDetector { TransientFailure = new LabelingUnavailableException("DetectLabels stayed unavailable") };
        var handler = new ProcessUploadHandler(images, objects, detector, new FakeTimeProvider(Samples.Start));

        var outcome = await handler.HandleAsync(new UploadedObject(Bucket, record.ObjectKey, record.Size), default);

        outcome.ShouldBe(ProcessOutcome.Failed);
        var failed = images[record.ImageId]!;
        failed.Status.ShouldBe(ImageStatus.Failed);
        failed.Error!.Code.ShouldBe("LabelingUnavailable");
        failed.Error.Message.ShouldBe("\"cat.png\" could not be labeled because the labeling service is busy or unavailable; upload it again in a few minutes.");
    }

    /// <summary>
    /// A Rekognition client (an NSubstitute stand-in for the SDK interface, which has every operation) that throws
    /// the scripted errors in order, then answers with a cat.
    /// </summary>
    private static IAmazonRekognition ScriptedRekognition(params Exception[] failures)
    {
        var rekognition = Substitute.For<IAmazonRekognition>();
        var call = 0;
        rekognition.DetectLabelsAsync(Arg.Any<DetectLabelsRequest>(), Arg.Any<CancellationToken>())
            .Returns(_ => call < failures.Length
                ? Task.FromException<DetectLabelsResponse>(failures[call++])
                : Task.FromResult(new DetectLabelsResponse { Labels = [new Amazon.Rekognition.Model.Label { Name = "Cat", Confidence = 90 }] }));
        return rekognition;
    }

    private static int Calls(IAmazonRekognition rekognition) =>
        rekognition.ReceivedCalls().Count(call => call.GetMethodInfo().Name == nameof(IAmazonRekognition.DetectLabelsAsync));
}
