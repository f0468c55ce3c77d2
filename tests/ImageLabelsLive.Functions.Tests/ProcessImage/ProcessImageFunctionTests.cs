using System.Text;
using ImageLabelsLive.Core.Images;
using ImageLabelsLive.Core.Ports;
using ImageLabelsLive.Core.Processing;
using ImageLabelsLive.Functions.ProcessImage;
using ImageLabelsLive.Testing.Fakes;
using NSubstitute;
using NSubstitute.ExceptionExtensions;

namespace ImageLabelsLive.Functions.Tests.ProcessImage;

public class ProcessImageFunctionTests
{
    private readonly InMemoryImageStore images = new();
    private readonly InMemoryObjects objects = new();
    private readonly ScriptedDetector detector = new() { Labels = [Samples.Cat] };
    private readonly FakeTimeProvider clock = new(Samples.Start.AddSeconds(5));

    private ProcessImageFunction Function(ILabelDetector? labelDetector = null) =>
        new(new ProcessUploadHandler(images, objects, labelDetector ?? detector, clock));

    private async Task<ImageRecord> UploadedAsync(byte[]? bytes = null, string feedId = Samples.FeedId)
    {
        bytes ??= Samples.PngBytes(64);
        var record = Samples.Record(feedId: feedId, size: bytes.Length);
        await images.CreateAsync(record, default);
        objects.Objects[record.ObjectKey] = bytes;
        return record;
    }

    private ImageStatus StatusOf(ImageRecord record) => images[record.ImageId]!.Status;

    [Fact]
    public async Task HandleAsync_ObjectCreated_LabelsTheImage()
    {
        var record = await UploadedAsync();

        await Function().HandleAsync(S3Events.Typed((record.ObjectKey, 64)), default);

        var stored = images[record.ImageId]!;
        stored.Status.ShouldBe(ImageStatus.Labeled);
        stored.Labels.Select(label => label.Name).ShouldBe(["Cat"]);
        stored.UpdatedAt.ShouldBe(clock.GetUtcNow());
        images.Writes.Select(write => write.Status).ShouldBe([ImageStatus.Uploading, ImageStatus.Processing, ImageStatus.Labeled]);
    }

    [Fact]
    public async Task HandleAsync_KeyWithEncodedSlashes_IsDecodedAndProcessed()
    {
        var record = await UploadedAsync();
        var encoded = record.ObjectKey.Replace("/", "%2F", StringComparison.Ordinal);

        await Function().HandleAsync(S3Events.Typed((encoded, 64)), default);

        StatusOf(record).ShouldBe(ImageStatus.Labeled);
    }

    [Fact]
    public async Task HandleAsync_PercentEncodedFeedCharacters_AreDecodedBeforeTheKeyIsRead()
    {
        const string feedId = "Ab-_Cd-_Ef-_Gh-_Ij";
        var record = await UploadedAsync(feedId: feedId);
        var encoded = $"uploads/{feedId.Replace("-", "%2D", StringComparison.Ordinal).Replace("_", "%5f", StringComparison.Ordinal)}/{record.ImageId}";
        var keys = new List<string>();
        var recording = Substitute.For<ILabelDetector>();
        recording.DetectAsync(S3Events.Bucket, Arg.Do<string>(keys.Add), Arg.Any<CancellationToken>()).Returns([Samples.Cat]);

        await Function(recording).HandleAsync(S3Events.Typed((encoded, 64)), default);

        StatusOf(record).ShouldBe(ImageStatus.Labeled);
        keys.ShouldBe([record.ObjectKey]);
    }

    [Theory]
    [InlineData("uploads/my+feed+with+spaces/0192f1e0c0de7000a000000000000000")]
    [InlineData("uploads/AAAAAAAAAAAAAAAAAAAAAA/0192f1e0c0de7000a000000000000000+")]
    [InlineData("HappyFace.jpg")]
    [InlineData("New+File.jpg")]
    public async Task HandleAsync_KeyThatDecodesToSomethingNotOurs_IsIgnoredWithoutThrowing(string encodedKey)
    {
        var record = await UploadedAsync();

        await Function().HandleAsync(S3Events.Typed((encodedKey, 64)), default);

        detector.Calls.ShouldBe(0);
        images.Writes.ShouldHaveSingleItem();
        StatusOf(record).ShouldBe(ImageStatus.Uploading);
    }

    [Fact]
    public async Task HandleAsync_ValidKeyWithoutRecord_IsIgnored()
    {
        await Function().HandleAsync(S3Events.Typed(($"uploads/{Samples.FeedId}/{ImageIds.New()}", 64)), default);

        detector.Calls.ShouldBe(0);
        images.Writes.ShouldBeEmpty();
    }

    [Fact]
    public async Task HandleAsync_SeveralRecords_ProcessesEveryOne()
    {
        var first = await UploadedAsync();
        var second = await UploadedAsync(feedId: Samples.OtherFeedId);
        var text = Encoding.ASCII.GetBytes("just text, named .png");
        var third = await UploadedAsync(text);

        await Function().HandleAsync(S3Events.Typed((first.ObjectKey, 64), (second.ObjectKey, 64), (third.ObjectKey, text.Length)), default);

        StatusOf(first).ShouldBe(ImageStatus.Labeled);
        StatusOf(second).ShouldBe(ImageStatus.Labeled);
        StatusOf(third).ShouldBe(ImageStatus.Failed);
        detector.Calls.ShouldBe(2);
    }

    [Fact]
    public async Task HandleAsync_DuplicateEvent_ProducesOneResult()
    {
        var record = await UploadedAsync();
        var s3Event = S3Events.Typed((record.ObjectKey, 64));

        await Function().HandleAsync(s3Event, default);
        var writesAfterFirst = images.Writes.Count;
        clock.Advance(TimeSpan.FromSeconds(30));
        await Function().HandleAsync(s3Event, default);

        images.Writes.Count.ShouldBe(writesAfterFirst);
        images.Writes.Count(write => write.Status == ImageStatus.Labeled).ShouldBe(1);
        detector.Calls.ShouldBe(1);
        images[record.ImageId]!.UpdatedAt.ShouldBe(Samples.Start.AddSeconds(5));
    }

    [Fact]
    public async Task HandleAsync_SameObjectTwiceInOneEvent_ProducesOneResult()
    {
        var record = await UploadedAsync();

        await Function().HandleAsync(S3Events.Typed((record.ObjectKey, 64), (record.ObjectKey, 64)), default);

        images.Writes.Count(write => write.Status == ImageStatus.Labeled).ShouldBe(1);
        detector.Calls.ShouldBe(1);
    }

    [Fact]
    public async Task HandleAsync_TransientDetectorFailure_ThrowsAggregateAfterProcessingTheOtherRecords()
    {
        var throttled = await UploadedAsync();
        var fine = await UploadedAsync();
        var flaky = Substitute.For<ILabelDetector>();
        flaky.DetectAsync(Arg.Any<string>(), throttled.ObjectKey, Arg.Any<CancellationToken>())
            .ThrowsAsync(new TimeoutException("Rekognition throttled"));
        flaky.DetectAsync(Arg.Any<string>(), fine.ObjectKey, Arg.Any<CancellationToken>()).Returns([Samples.Cat]);

        var thrown = await Should.ThrowAsync<AggregateException>(() => Function(flaky).HandleAsync(S3Events.Typed((throttled.ObjectKey, 64), (fine.ObjectKey, 64)), default));

        thrown.InnerExceptions.ShouldHaveSingleItem().ShouldBeOfType<TimeoutException>();
        StatusOf(fine).ShouldBe(ImageStatus.Labeled);
        // Left in processing, so Lambda's retry of the whole event resumes it.
        StatusOf(throttled).ShouldBe(ImageStatus.Processing);
    }

    [Fact]
    public async Task HandleAsync_RetryAfterTransientFailure_FinishesTheImageAndLeavesTheOthersAlone()
    {
        var throttled = await UploadedAsync();
        var fine = await UploadedAsync();
        var s3Event = S3Events.Typed((throttled.ObjectKey, 64), (fine.ObjectKey, 64));
        detector.TransientFailure = new HttpRequestException("503 from Rekognition");
        await Should.ThrowAsync<AggregateException>(() => Function().HandleAsync(s3Event, default));
        detector.TransientFailure = null;
        var callsBeforeRetry = detector.Calls;

        await Function().HandleAsync(s3Event, default);

        StatusOf(throttled).ShouldBe(ImageStatus.Labeled);
        StatusOf(fine).ShouldBe(ImageStatus.Labeled);
        (detector.Calls - callsBeforeRetry).ShouldBe(2);
    }

    [Fact]
    public async Task HandleAsync_InvalidImage_FailsTheRecordWithAReadableReasonAndDoesNotThrow()
    {
        var text = Encoding.ASCII.GetBytes("<html>not an image</html>");
        var record = await UploadedAsync(text);

        await Function().HandleAsync(S3Events.Typed((record.ObjectKey, text.Length)), default);

        var stored = images[record.ImageId]!;
        stored.Status.ShouldBe(ImageStatus.Failed);
        stored.Error!.Code.ShouldBe("NotAnImage");
        stored.Error.Message.ShouldContain("cat.png");
        detector.Calls.ShouldBe(0);
    }

    [Fact]
    public async Task HandleAsync_DetectorRejectsImage_FailsTheRecordAndDoesNotThrow()
    {
        var record = await UploadedAsync();
        detector.Rejection = new ImageError("InvalidImageFormat", "The file could not be read as an image.");

        await Function().HandleAsync(S3Events.Typed((record.ObjectKey, 64)), default);

        images[record.ImageId]!.Error.ShouldBe(detector.Rejection);
        StatusOf(record).ShouldBe(ImageStatus.Failed);
    }

    [Fact]
    public async Task HandleAsync_RecordWithoutKeyOrBucket_IsSkippedAndTheRestProcessed()
    {
        var record = await UploadedAsync();
        var lambdaEvent = S3Events.ObjectCreated(("placeholder", 1), ("placeholder", 1), (record.ObjectKey, 64));
        lambdaEvent["Records"]![0]!["s3"]!["object"]!.AsObject().Remove("key");
        lambdaEvent["Records"]![1]!["s3"]!.AsObject().Remove("bucket");

        var response = await LambdaInvocation.InvokeAsync(Function().HandleAsync, lambdaEvent);

        response.ToJsonString().ShouldBe("{}");
        StatusOf(record).ShouldBe(ImageStatus.Labeled);
    }

    [Theory]
    [InlineData("""{"Records":[]}""")]
    [InlineData("{}")]
    public async Task HandleAsync_EventWithoutRecords_DoesNothing(string eventJson)
    {
        var response = await LambdaInvocation.InvokeAsync(Function().HandleAsync, eventJson);

        response.ToJsonString().ShouldBe("{}");
        detector.Calls.ShouldBe(0);
    }

    [Fact]
    public async Task HandleAsync_StreamEntryPoint_LabelsAndAnswersEmptyObject()
    {
        var record = await UploadedAsync();

        var response = await LambdaInvocation.InvokeAsync(Function().HandleAsync, S3Events.ObjectCreated((record.ObjectKey, 64)));

        response.ToJsonString().ShouldBe("{}");
        StatusOf(record).ShouldBe(ImageStatus.Labeled);
    }

    [Fact]
    public async Task HandleAsync_StreamEntryPointWithTransientFailure_FailsTheInvocation()
    {
        var record = await UploadedAsync();
        detector.TransientFailure = new TimeoutException("outage");

        await Should.ThrowAsync<AggregateException>(() => LambdaInvocation.InvokeAsync(Function().HandleAsync, S3Events.ObjectCreated((record.ObjectKey, 64))));

        StatusOf(record).ShouldBe(ImageStatus.Processing);
    }

    [SharedTheory]
    [InlineData("aws-lambda-dotnet_s3-event.json")]
    [InlineData("aws-lambda-go_s3-event.json")]
    [InlineData("sam-cli_s3-put.json")]
    [InlineData("powertools-python_s3-event.json")]
    public async Task HandleAsync_SharedS3Event_IsReadAndItsForeignKeysIgnored(string fileName)
    {
        var record = await UploadedAsync();

        var response = await LambdaInvocation.InvokeAsync(Function().HandleAsync, LambdaInvocation.SharedEvent(fileName));

        response.ToJsonString().ShouldBe("{}");
        detector.Calls.ShouldBe(0);
        StatusOf(record).ShouldBe(ImageStatus.Uploading);
    }

    [SharedFact]
    public async Task HandleAsync_SharedS3EventPointingAtAnUpload_LabelsIt()
    {
        var record = await UploadedAsync();
        var lambdaEvent = LambdaInvocation.SharedEvent("aws-lambda-go_s3-event.json");
        var s3Object = lambdaEvent["Records"]![0]!["s3"]!["object"]!;
        s3Object["key"] = record.ObjectKey.Replace("/", "%2F", StringComparison.Ordinal);
        s3Object["size"] = 64;

        await LambdaInvocation.InvokeAsync(Function().HandleAsync, lambdaEvent);

        StatusOf(record).ShouldBe(ImageStatus.Labeled);
    }
}
