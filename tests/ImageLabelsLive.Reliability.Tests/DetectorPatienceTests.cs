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
        var rekognition = new ScriptedRekognition(
            new ThrottlingException("Too many requests are queued; retry later."),
            new HttpRequestException("Connection refused"),
            new InternalServerErrorException("Internal error", ErrorType.Receiver, "InternalServerError", "r1", HttpStatusCode.InternalServerError));
        var detector = new RekognitionLabelDetector(rekognition, 10, 30, TimeSpan.FromSeconds(10));

        var labels = await detector.DetectAsync(Bucket, Key, default);

        labels.ShouldHaveSingleItem().Name.ShouldBe("Cat");
        rekognition.Calls.ShouldBe(4);
    }

    [Fact]
    public async Task DetectAsync_RefusedLongerThanPatience_ThrowsLabelingUnavailableAfterAboutThePatience()
    {
        var rekognition = new ScriptedRekognition(Enumerable.Repeat<Exception>(new HttpRequestException("Connection refused"), 1000).ToArray());
        var detector = new RekognitionLabelDetector(rekognition, 10, 30, TimeSpan.FromSeconds(1.5));
        var clock = Stopwatch.StartNew();

        var thrown = await Should.ThrowAsync<LabelingUnavailableException>(() => detector.DetectAsync(Bucket, Key, default));

        clock.Elapsed.ShouldBeInRange(TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(6));
        thrown.InnerException.ShouldBeOfType<HttpRequestException>();
        rekognition.Calls.ShouldBeGreaterThan(2);
    }

    [Fact]
    public async Task DetectAsync_AccessDenied_IsNotRetriedAndPropagatesForThePlatform()
    {
        var denied = new AccessDeniedException("not allowed", ErrorType.Sender, "AccessDeniedException", "r2", HttpStatusCode.Forbidden);
        var rekognition = new ScriptedRekognition(denied);
        var detector = new RekognitionLabelDetector(rekognition, 10, 30, TimeSpan.FromSeconds(10));

        var thrown = await Should.ThrowAsync<AccessDeniedException>(() => detector.DetectAsync(Bucket, Key, default));

        thrown.ShouldBeSameAs(denied);
        rekognition.Calls.ShouldBe(1);
    }

    [Fact]
    public async Task DetectAsync_InvalidImage_IsRejectedAtOnceWithoutRetry()
    {
        var rekognition = new ScriptedRekognition(new InvalidImageFormatException("bad", ErrorType.Sender, "InvalidImageFormatException", "r3", HttpStatusCode.BadRequest));
        var detector = new RekognitionLabelDetector(rekognition, 10, 30, TimeSpan.FromSeconds(10));

        var rejected = await Should.ThrowAsync<ImageRejectedException>(() => detector.DetectAsync(Bucket, Key, default));

        rejected.Error.Code.ShouldBe("InvalidImageFormat");
        rekognition.Calls.ShouldBe(1);
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
        var handler = new ProcessUploadHandler(images, objects, detector, new ManualClock(Samples.Start));

        var outcome = await handler.HandleAsync(new UploadedObject(Bucket, record.ObjectKey, record.Size), default);

        outcome.ShouldBe(ProcessOutcome.Failed);
        var failed = images[record.ImageId]!;
        failed.Status.ShouldBe(ImageStatus.Failed);
        failed.Error!.Code.ShouldBe("LabelingUnavailable");
        failed.Error.Message.ShouldBe("\"cat.png\" could not be labeled because the labeling service is busy or unavailable; upload it again in a few minutes.");
    }

    /// <summary>Throws the scripted errors in order, then answers with a cat.</summary>
    private sealed class ScriptedRekognition(params Exception[] failures) : IAmazonRekognition
    {
        public int Calls { get; private set; }

        public Task<DetectLabelsResponse> DetectLabelsAsync(DetectLabelsRequest request, CancellationToken cancellationToken = default)
        {
            var call = Calls++;
            return call < failures.Length
                ? Task.FromException<DetectLabelsResponse>(failures[call])
                : Task.FromResult(new DetectLabelsResponse { Labels = [new Amazon.Rekognition.Model.Label { Name = "Cat", Confidence = 90 }] });
        }

        public Task<DetectFacesResponse> DetectFacesAsync(DetectFacesRequest request, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException("Only DetectLabels is scripted.");

        public Task<DetectTextResponse> DetectTextAsync(DetectTextRequest request, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException("Only DetectLabels is scripted.");

        public Task<DetectModerationLabelsResponse> DetectModerationLabelsAsync(DetectModerationLabelsRequest request, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException("Only DetectLabels is scripted.");

        public void Dispose()
        {
        }
    }
}
