using System.Text.Json.Nodes;
using ImageLabelsLive.Core.Images;
using ImageLabelsLive.Core.Notifications;
using ImageLabelsLive.Functions.NotifyResults;
using ImageLabelsLive.Testing.Fakes;

namespace ImageLabelsLive.Functions.Tests.NotifyResults;

public class NotifyResultsFunctionTests
{
    private static readonly Uri SiteUrl = new("https://ill.example/");

    private readonly InMemoryImageStore images = new();
    private readonly RecordingPublisher publisher = new();
    private readonly FakeTimeProvider clock = new(Samples.Start.AddSeconds(10));

    private NotifyResultsFunction Function() => new(new NotifyResultHandler(images, publisher, SiteUrl, clock));

    /// <summary>An image as it moves through the table: the record is stored (the claim needs it) and each step is returned.</summary>
    private async Task<(ImageRecord Uploading, ImageRecord Processing, ImageRecord Labeled, ImageRecord Failed)> StoredImageAsync(string fileName = "cat.png")
    {
        var uploading = Samples.Record() with { FileName = fileName };
        await images.CreateAsync(uploading, default);
        var processing = uploading with { Status = ImageStatus.Processing, UpdatedAt = Samples.Start.AddSeconds(1) };
        var labeled = processing with { Status = ImageStatus.Labeled, Labels = [Samples.Cat], UpdatedAt = Samples.Start.AddSeconds(2) };
        var failed = processing with { Status = ImageStatus.Failed, Error = new ImageError("NotAnImage", $"\"{fileName}\" is not a JPEG or PNG image, whatever its name says."), UpdatedAt = Samples.Start.AddSeconds(2) };
        return (uploading, processing, labeled, failed);
    }

    [Fact]
    public async Task HandleAsync_MixedBatch_PublishesOnlyTransitionsIntoLabeledOrFailed()
    {
        var cat = await StoredImageAsync("cat.png");
        var text = await StoredImageAsync("notes.png");

        var response = await Function().HandleAsync(StreamEvents.Typed(
            StreamEvents.Insert("1", cat.Uploading),
            StreamEvents.Modify("2", cat.Uploading, cat.Processing),
            StreamEvents.Modify("3", cat.Processing, cat.Labeled),
            StreamEvents.Modify("4", text.Processing, text.Failed),
            new ImageStreamChange("MODIFY", "5", StreamEvents.Item(cat.Labeled), StreamEvents.Item(cat.Labeled, notified: true)),
            StreamEvents.Remove("6", cat.Labeled)), default);

        response.BatchItemFailures.ShouldNotBeNull().ShouldBeEmpty();
        publisher.Published.Select(notification => notification.Subject).ShouldBe(["1 label in cat.png: Cat", "Could not label notes.png"]);
        publisher.Published.ShouldAllBe(notification => notification.FeedId == Samples.FeedId);
        publisher.Published[0].Body.ShouldContain("Cat 91.5%");
        publisher.Published[0].Body.ShouldContain($"https://ill.example/?feed={Samples.FeedId}");
        publisher.Published[1].Body.ShouldContain("is not a JPEG or PNG image");
    }

    [Fact]
    public async Task HandleAsync_InsertAlreadyFinal_Publishes()
    {
        var cat = await StoredImageAsync();

        await Function().HandleAsync(StreamEvents.Typed(StreamEvents.Insert("1", cat.Labeled)), default);

        publisher.Published.ShouldHaveSingleItem().Subject.ShouldBe("1 label in cat.png: Cat");
    }

    [Fact]
    public async Task HandleAsync_DuplicateBatch_SendsOneEmail()
    {
        var cat = await StoredImageAsync();
        var streamEvent = StreamEvents.Event(StreamEvents.Modify("3", cat.Processing, cat.Labeled));

        var first = await LambdaInvocation.InvokeAsync(Function().HandleAsync, streamEvent);
        var second = await LambdaInvocation.InvokeAsync(Function().HandleAsync, streamEvent);

        publisher.Published.ShouldHaveSingleItem();
        first.ToJsonString().ShouldBe("""{"batchItemFailures":[]}""");
        second.ToJsonString().ShouldBe("""{"batchItemFailures":[]}""");
        images.IsClaimed(cat.Uploading.ImageId).ShouldBeTrue();
    }

    [Fact]
    public async Task HandleAsync_PublishFails_ReportsTheRecordReleasesTheClaimAndStops()
    {
        var cat = await StoredImageAsync("cat.png");
        var dog = await StoredImageAsync("dog.png");
        publisher.Failure = new HttpRequestException("SNS answered 500");

        var response = await Function().HandleAsync(StreamEvents.Typed(
            StreamEvents.Modify("30", cat.Processing, cat.Labeled),
            StreamEvents.Modify("40", dog.Processing, dog.Labeled)), default);

        response.BatchItemFailures!.ShouldHaveSingleItem().ItemIdentifier.ShouldBe("30");
        images.IsClaimed(cat.Uploading.ImageId).ShouldBeFalse();
        images.IsClaimed(dog.Uploading.ImageId).ShouldBeFalse();
        publisher.Published.ShouldBeEmpty();
    }

    [Fact]
    public async Task HandleAsync_RetryAfterFailedPublish_SendsTheEmail()
    {
        var cat = await StoredImageAsync();
        var streamEvent = StreamEvents.Event(StreamEvents.Modify("30", cat.Processing, cat.Labeled));
        publisher.Failure = new TimeoutException("SNS timed out");
        var failedAttempt = await LambdaInvocation.InvokeAsync(Function().HandleAsync, streamEvent);
        publisher.Failure = null;

        var retry = await LambdaInvocation.InvokeAsync(Function().HandleAsync, streamEvent);

        failedAttempt.ToJsonString().ShouldBe("""{"batchItemFailures":[{"itemIdentifier":"30"}]}""");
        retry["batchItemFailures"]!.AsArray().ShouldBeEmpty();
        publisher.Published.ShouldHaveSingleItem();
        images.IsClaimed(cat.Uploading.ImageId).ShouldBeTrue();
    }

    [Fact]
    public async Task HandleAsync_PoisonRecord_IsReportedAndNothingAfterItIsSent()
    {
        var cat = await StoredImageAsync();
        var poison = StreamEvents.Item(cat.Labeled);
        poison.Remove("imageId");

        var response = await Function().HandleAsync(StreamEvents.Typed(
            new ImageStreamChange("MODIFY", "8", StreamEvents.Item(cat.Processing), poison),
            StreamEvents.Modify("9", cat.Processing, cat.Labeled)), default);

        response.BatchItemFailures!.ShouldHaveSingleItem().ItemIdentifier.ShouldBe("8");
        publisher.Published.ShouldBeEmpty();
    }

    [SharedFact]
    public async Task HandleAsync_SharedStreamEventCarryingImages_SendsOneEmailForTheResult()
    {
        var cat = await StoredImageAsync();
        var lambdaEvent = StreamEvents.SharedWithImages(
            "sam-cli_dynamodb-update.json",
            (null, StreamEvents.Item(cat.Uploading)),
            (StreamEvents.Item(cat.Processing), StreamEvents.Item(cat.Labeled)),
            (StreamEvents.Item(cat.Labeled), null));

        var response = await LambdaInvocation.InvokeAsync(Function().HandleAsync, lambdaEvent);

        response["batchItemFailures"]!.AsArray().ShouldBeEmpty();
        publisher.Published.ShouldHaveSingleItem().Subject.ShouldBe("1 label in cat.png: Cat");
    }

    [SharedFact]
    public async Task HandleAsync_SharedStreamEventOfAnotherTable_ReportsItsFirstRecord()
    {
        var response = await LambdaInvocation.InvokeAsync(Function().HandleAsync, LambdaInvocation.SharedEvent("powertools-python_dynamodb-stream-event.json"));

        JsonNode.DeepEquals(response, JsonNode.Parse("""{"batchItemFailures":[{"itemIdentifier":"111"}]}""")).ShouldBeTrue(response.ToJsonString());
        publisher.Published.ShouldBeEmpty();
    }
}
