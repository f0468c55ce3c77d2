using System.Text.Json.Nodes;
using ImageLabelsLive.Core.Images;
using ImageLabelsLive.Core.PushResults;
using ImageLabelsLive.Functions.PushResults;
using ImageLabelsLive.Testing.Fakes;

namespace ImageLabelsLive.Functions.Tests.PushResults;

public class PushResultsFunctionTests
{
    private readonly InMemoryConnectionStore connections = new();
    private readonly RecordingMessenger messenger = new();
    private readonly ImageRecord uploading = Samples.Record();

    private ImageRecord Processing => uploading with { Status = ImageStatus.Processing, UpdatedAt = Samples.Start.AddSeconds(1) };

    private ImageRecord Labeled => Processing with { Status = ImageStatus.Labeled, Labels = [Samples.Cat], UpdatedAt = Samples.Start.AddSeconds(2) };

    private PushResultsFunction Function() => new(new PushResultsHandler(connections, messenger, maxConcurrency: 4));

    private List<JsonNode> ReceivedBy(string connectionId) =>
        messenger.Received.TryGetValue(connectionId, out var messages) ? [.. messages.Select(message => JsonNode.Parse(message)!)] : [];

    private static JsonObject ForeignItem() => new() { ["Id"] = new JsonObject { ["N"] = "101" }, ["Message"] = new JsonObject { ["S"] = "New item!" } };

    [Fact]
    public async Task HandleAsync_InsertModifyRemove_PushesOnlyStatusChanges()
    {
        connections.Add("c1", Samples.FeedId);
        var streamEvent = StreamEvents.Typed(
            StreamEvents.Insert("100", uploading),
            StreamEvents.Modify("200", uploading, Processing),
            // The notifier's claim rewrites the item without moving its status.
            new ImageStreamChange("MODIFY", "300", StreamEvents.Item(Processing), StreamEvents.Item(Processing, notified: true)),
            StreamEvents.Remove("400", Labeled));

        var response = await Function().HandleAsync(streamEvent, default);

        response.BatchItemFailures.ShouldNotBeNull().ShouldBeEmpty();
        ReceivedBy("c1").Select(message => message["image"]!["status"]!.GetValue<string>()).ShouldBe(["uploading", "processing"]);
    }

    [Fact]
    public async Task HandleAsync_MoveToLabeled_PushesTheRecordReadFromTheStreamImage()
    {
        connections.Add("c1", Samples.FeedId);

        await Function().HandleAsync(StreamEvents.Typed(StreamEvents.Modify("200", Processing, Labeled)), default);

        var message = ReceivedBy("c1").ShouldHaveSingleItem();
        message["type"]!.GetValue<string>().ShouldBe("image");
        var image = message["image"]!;
        image["imageId"]!.GetValue<string>().ShouldBe(uploading.ImageId);
        image["status"]!.GetValue<string>().ShouldBe("labeled");
        image["updatedAt"]!.GetValue<string>().ShouldBe("2026-11-21T09:00:02.000Z");
        image["error"].ShouldBeNull();
        JsonNode.DeepEquals(image["labels"], JsonNode.Parse("""
            [{"name":"Cat","confidence":91.5,"parents":["Pet","Animal","Mammal"],"categories":[],"aliases":[],
              "instances":[{"confidence":91.5,"boundingBox":{"left":0.1,"top":0.2,"width":0.5,"height":0.6}}]}]
            """)).ShouldBeTrue(image["labels"]!.ToJsonString());
    }

    [Fact]
    public async Task HandleAsync_FailedRecord_PushesItsError()
    {
        connections.Add("c1", Samples.FeedId);
        var failed = Processing with { Status = ImageStatus.Failed, Error = new ImageError("NotAnImage", "\"cat.png\" is not a JPEG or PNG image.") };

        await Function().HandleAsync(StreamEvents.Typed(StreamEvents.Modify("200", Processing, failed)), default);

        var image = ReceivedBy("c1").ShouldHaveSingleItem()["image"]!;
        image["status"]!.GetValue<string>().ShouldBe("failed");
        image["error"]!["code"]!.GetValue<string>().ShouldBe("NotAnImage");
    }

    [Fact]
    public async Task HandleAsync_SeveralConnections_PushesOnlyToTheImagesFeed()
    {
        connections.Add("mine-1", Samples.FeedId);
        connections.Add("mine-2", Samples.FeedId);
        connections.Add("theirs", Samples.OtherFeedId);

        await Function().HandleAsync(StreamEvents.Typed(StreamEvents.Insert("100", uploading)), default);

        messenger.Received.Keys.Order(StringComparer.Ordinal).ShouldBe(["mine-1", "mine-2"]);
    }

    [Fact]
    public async Task HandleAsync_GoneConnection_IsDeletedAndTheRecordSucceeds()
    {
        connections.Add("live", Samples.FeedId);
        connections.Add("closed", Samples.FeedId);
        messenger.Gone.Add("closed");

        var response = await Function().HandleAsync(StreamEvents.Typed(StreamEvents.Insert("100", uploading)), default);

        response.BatchItemFailures.ShouldBeEmpty();
        connections.Connections.Keys.ShouldBe(["live"]);
        ReceivedBy("live").ShouldHaveSingleItem();
    }

    [Fact]
    public async Task HandleAsync_FailingConnection_ReportsThatRecordAloneAndStopsThere()
    {
        var first = Samples.Record();
        var second = Samples.Record(feedId: Samples.OtherFeedId);
        var third = Samples.Record();
        connections.Add("ok", Samples.FeedId);
        connections.Add("ok-other", Samples.OtherFeedId);
        connections.Add("broken", Samples.OtherFeedId);
        messenger.Failing.Add("broken");

        var response = await Function().HandleAsync(StreamEvents.Typed(
            StreamEvents.Insert("100", first),
            StreamEvents.Insert("200", second),
            StreamEvents.Insert("300", third)), default);

        response.BatchItemFailures!.Select(failure => failure.ItemIdentifier).ShouldBe(["200"]);
        ReceivedBy("ok").Select(message => message["image"]!["imageId"]!.GetValue<string>()).ShouldBe([first.ImageId]);
        // The record's other sockets still got it; Lambda retries the record from its sequence number.
        ReceivedBy("ok-other").ShouldHaveSingleItem();
        connections.Connections.ContainsKey("broken").ShouldBeTrue();
    }

    [Fact]
    public async Task HandleAsync_PoisonRecord_IsReportedAndLaterRecordsWait()
    {
        connections.Add("c1", Samples.FeedId);
        var poison = StreamEvents.Item(Processing);
        poison.Remove("status");
        poison.Remove("feedId");
        var later = Samples.Record();

        var response = await Function().HandleAsync(StreamEvents.Typed(
            StreamEvents.Insert("100", uploading),
            new ImageStreamChange("MODIFY", "200", StreamEvents.Item(uploading), poison),
            StreamEvents.Insert("300", later)), default);

        response.BatchItemFailures!.ShouldHaveSingleItem().ItemIdentifier.ShouldBe("200");
        ReceivedBy("c1").Select(message => message["image"]!["imageId"]!.GetValue<string>()).ShouldBe([uploading.ImageId]);
    }

    [Theory]
    [InlineData("status", """{"S":"archived"}""")]
    [InlineData("size", """{"S":"64"}""")]
    [InlineData("createdAt", """{"N":"1795338000"}""")]
    [InlineData("labels", """{"L":[{"S":"Cat"}]}""")]
    public async Task HandleAsync_ImageWithWrongAttributeType_IsReportedAsPoison(string attribute, string value)
    {
        connections.Add("c1", Samples.FeedId);
        var poison = StreamEvents.Item(uploading);
        poison[attribute] = JsonNode.Parse(value);

        var response = await Function().HandleAsync(StreamEvents.Typed(new ImageStreamChange("INSERT", "100", null, poison)), default);

        response.BatchItemFailures!.ShouldHaveSingleItem().ItemIdentifier.ShouldBe("100");
        messenger.Received.ShouldBeEmpty();
    }

    [Fact]
    public async Task HandleAsync_NoConnections_SucceedsWithoutSending()
    {
        var response = await Function().HandleAsync(StreamEvents.Typed(StreamEvents.Insert("100", uploading)), default);

        response.BatchItemFailures.ShouldBeEmpty();
        messenger.Received.ShouldBeEmpty();
    }

    [Fact]
    public async Task HandleAsync_StreamEntryPointWithFailure_AnswersBatchItemFailuresByItemIdentifier()
    {
        connections.Add("broken", Samples.FeedId);
        messenger.Failing.Add("broken");

        var response = await LambdaInvocation.InvokeAsync(Function().HandleAsync, StreamEvents.Event(StreamEvents.Insert("4421584500000000017450439091", uploading)));

        response.ToJsonString().ShouldBe("""{"batchItemFailures":[{"itemIdentifier":"4421584500000000017450439091"}]}""");
    }

    [Fact]
    public async Task HandleAsync_StreamEntryPointAllDelivered_AnswersEmptyBatchItemFailures()
    {
        connections.Add("c1", Samples.FeedId);

        var response = await LambdaInvocation.InvokeAsync(Function().HandleAsync, StreamEvents.Event(StreamEvents.Insert("100", uploading), StreamEvents.Modify("200", uploading, Processing)));

        response.ToJsonString().ShouldBe("""{"batchItemFailures":[]}""");
        ReceivedBy("c1").Count.ShouldBe(2);
    }

    [SharedFact]
    public async Task HandleAsync_SharedStreamEventCarryingImages_PushesInsertAndModifyButNotRemove()
    {
        connections.Add("c1", Samples.FeedId);
        var lambdaEvent = StreamEvents.SharedWithImages(
            "sam-cli_dynamodb-update.json",
            (null, StreamEvents.Item(uploading)),
            (StreamEvents.Item(Processing), StreamEvents.Item(Labeled)),
            (StreamEvents.Item(Labeled), null));

        var response = await LambdaInvocation.InvokeAsync(Function().HandleAsync, lambdaEvent);

        response["batchItemFailures"]!.AsArray().ShouldBeEmpty();
        ReceivedBy("c1").Select(message => message["image"]!["status"]!.GetValue<string>()).ShouldBe(["uploading", "labeled"]);
    }

    [SharedTheory]
    [InlineData("aws-lambda-dotnet_dynamodb-event.json", "1405400000000002063282832")]
    [InlineData("aws-lambda-go_dynamodb-event.json", "1405400000000002063282832")]
    [InlineData("powertools-python_dynamodb-stream-event.json", "111")]
    [InlineData("sam-cli_dynamodb-update.json", "4421584500000000017450439091")]
    public async Task HandleAsync_SharedStreamEventOfAnotherTable_ReportsItsFirstRecordAsPoison(string fileName, string firstSequenceNumber)
    {
        connections.Add("c1", Samples.FeedId);

        var response = await LambdaInvocation.InvokeAsync(Function().HandleAsync, LambdaInvocation.SharedEvent(fileName));

        response["batchItemFailures"]!.AsArray().Select(failure => failure!["itemIdentifier"]!.GetValue<string>()).ShouldBe([firstSequenceNumber]);
        messenger.Received.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"Records":[]}""")]
    public async Task HandleAsync_EventWithoutRecords_AnswersEmptyBatchItemFailures(string eventJson)
    {
        connections.Add("c1", Samples.FeedId);

        var response = await LambdaInvocation.InvokeAsync(Function().HandleAsync, eventJson);

        response.ToJsonString().ShouldBe("""{"batchItemFailures":[]}""");
        messenger.Received.ShouldBeEmpty();
    }

    [Fact]
    public async Task HandleAsync_ForeignItem_IsReportedAsPoison()
    {
        var response = await Function().HandleAsync(StreamEvents.Typed(new ImageStreamChange("INSERT", "7", null, ForeignItem())), default);

        response.BatchItemFailures!.ShouldHaveSingleItem().ItemIdentifier.ShouldBe("7");
    }
}
