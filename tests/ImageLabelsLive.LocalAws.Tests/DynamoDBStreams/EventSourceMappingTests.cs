using System.Diagnostics;
using System.Text.Json;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using ImageLabelsLive.LocalAws.DynamoDB;
using ImageLabelsLive.LocalAws.DynamoDBStreams;
using ImageLabelsLive.LocalAws.Lambda;
using ImageLabelsLive.LocalAws.Tests.DynamoDB;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace ImageLabelsLive.LocalAws.Tests.DynamoDBStreams;

/// <summary>The event source mappings: batches, retries, bisection, failure destination, independence, duplicates.</summary>
public sealed class EventSourceMappingTests(DynaliteFixture dynalite, ITestOutputHelper output) : IClassFixture<DynaliteFixture>, IDisposable
{
    private const string PushResults = "PushResults";
    private const string NotifyResults = "NotifyResults";

    private readonly RecordingInvoker _invoker = new();
    private readonly string _dataFolder = Directory.CreateTempSubdirectory("ill-streams-").FullName;

    private string FailureFile => Path.Combine(_dataFolder, "stream-failures.jsonl");

    private Task<LocalDynamoDbServer> StartAsync(params Func<string, EventSourceMappingOptions>[] consumers) =>
        LocalDynamoDbServer.StartAsync(dynalite, (options, services) =>
        {
            services.AddSingleton<ILambdaInvoker>(_invoker);
            foreach (var consumer in consumers)
            {
                services.AddLocalDynamoDbStreamConsumer(consumer(options.ImagesTableName));
            }
        });

    private EventSourceMappingOptions Mapping(string functionName, string table) => new()
    {
        FunctionName = functionName,
        TableName = table,
        RetryBackoff = TimeSpan.FromMilliseconds(10),
        OnFailureDestinationPath = FailureFile,
    };

    private static Task<PutItemResponse> PutAsync(AmazonDynamoDBClient client, string table, string imageId, string status = "uploading", bool poison = false)
    {
        var item = new Dictionary<string, AttributeValue>
        {
            ["imageId"] = new AttributeValue { S = imageId },
            ["feedId"] = new AttributeValue { S = "feed-s" },
            ["createdAt"] = new AttributeValue { S = "2025-01-01T00:00:00.000Z" },
            ["status"] = new AttributeValue { S = status },
        };
        if (poison)
        {
            item["poison"] = new AttributeValue { BOOL = true };
        }
        return client.PutItemAsync(table, item);
    }

    /// <summary>Puts the items in one BatchWriteItem, so a consumer with a batching window gets them as one batch.</summary>
    private static Task<BatchWriteItemResponse> PutBatchAsync(AmazonDynamoDBClient client, string table, IEnumerable<string> imageIds, string? poisonId = null) =>
        client.BatchWriteItemAsync(new BatchWriteItemRequest
        {
            RequestItems = new()
            {
                [table] = imageIds.Select(id =>
                {
                    var item = new Dictionary<string, AttributeValue>
                    {
                        ["imageId"] = new AttributeValue { S = id },
                        ["feedId"] = new AttributeValue { S = "feed-s" },
                        ["createdAt"] = new AttributeValue { S = "2025-01-01T00:00:00.000Z" },
                    };
                    if (id == poisonId)
                    {
                        item["poison"] = new AttributeValue { BOOL = true };
                    }
                    return new WriteRequest(new PutRequest(item));
                }).ToList(),
            },
        });

    private static EventSourceMappingStatus StatusOf(LocalDynamoDbServer server, string functionName) =>
        server.Services.GetRequiredService<LocalDynamoDbStreams>().GetStatus().Consumers.Single(c => c.FunctionName == functionName);

    [Fact]
    public async Task Consumer_Writes_GetsEventsInLambdasExactShape()
    {
        await using var server = await StartAsync(table => Mapping(PushResults, table));
        using var client = server.CreateClient();

        await PutAsync(client, server.Options.ImagesTableName, "shape-1");
        await PutAsync(client, server.Options.ImagesTableName, "shape-1", "processing");
        await client.DeleteItemAsync(server.Options.ImagesTableName, new() { ["imageId"] = new AttributeValue { S = "shape-1" } });
        await RecordingInvoker.WaitUntilAsync(() => _invoker.RecordsSeenBy(PushResults).Count >= 3, "3 records arrived");

        foreach (var invocation in _invoker.InvocationsOf(PushResults))
        {
            invocation.Event.EnumerateObject().Select(p => p.Name).ShouldBe(["Records"]);
        }
        var records = _invoker.RecordsSeenBy(PushResults);
        records.Select(StreamRecords.EventName).ShouldBe(["INSERT", "MODIFY", "REMOVE"]);
        foreach (var record in records)
        {
            record.EnumerateObject().Select(p => p.Name).ShouldBe(
                ["eventID", "eventName", "eventVersion", "eventSource", "awsRegion", "dynamodb", "eventSourceARN"]);
        }
        string[] metadata = ["ApproximateCreationDateTime", "Keys", "SequenceNumber", "SizeBytes", "StreamViewType"];
        Members(records[0]).ShouldBe([.. metadata, "NewImage"], ignoreOrder: true);
        Members(records[1]).ShouldBe([.. metadata, "NewImage", "OldImage"], ignoreOrder: true);
        Members(records[2]).ShouldBe([.. metadata, "OldImage"], ignoreOrder: true);
        records.Select(r => r.GetProperty("dynamodb").GetProperty("ApproximateCreationDateTime").ValueKind).ShouldAllBe(k => k == JsonValueKind.Number);
        records.Select(r => r.GetProperty("dynamodb").GetProperty("SizeBytes").ValueKind).ShouldAllBe(k => k == JsonValueKind.Number);
    }

    private static IEnumerable<string> Members(JsonElement record) =>
        record.GetProperty("dynamodb").EnumerateObject().Select(p => p.Name);

    [SharedFact]
    public async Task Consumer_Writes_MatchesAwsSampleEventMembers()
    {
        await using var server = await StartAsync(table => Mapping(PushResults, table));
        using var client = server.CreateClient();
        await PutAsync(client, server.Options.ImagesTableName, "sample-1");
        await RecordingInvoker.WaitUntilAsync(() => _invoker.RecordsSeenBy(PushResults).Count >= 1, "a record arrived");
        using var sample = JsonDocument.Parse(await File.ReadAllTextAsync(
            SharedData.PathOf("contracts", "events", "aws-lambda-go_dynamodb-event.json")));

        var awsInsert = sample.RootElement.GetProperty("Records").EnumerateArray().First(r => r.GetProperty("eventName").GetString() == "INSERT");
        var ours = _invoker.RecordsSeenBy(PushResults)[0];

        // userIdentity is only present on changes DynamoDB makes itself (TTL deletions).
        ours.EnumerateObject().Select(p => p.Name).ShouldBe(awsInsert.EnumerateObject().Select(p => p.Name).Where(n => n != "userIdentity"), ignoreOrder: true);
        Members(ours).ShouldBe(Members(awsInsert), ignoreOrder: true);
        foreach (var member in new[] { "eventVersion", "eventSource" })
        {
            ours.GetProperty(member).GetString().ShouldBe(awsInsert.GetProperty(member).GetString());
        }
    }

    [Fact]
    public async Task BatchItemFailure_Reported_RetriesFromThatRecordOnly()
    {
        var failedOnce = false;
        _invoker.Handle(PushResults, invocation =>
        {
            var third = invocation.Records.FirstOrDefault(r => StreamRecords.KeyS(r, "imageId") == "r-3");
            if (!failedOnce && third.ValueKind == JsonValueKind.Object)
            {
                failedOnce = true;
                return Task.FromResult($$"""{"batchItemFailures":[{"itemIdentifier":"{{StreamRecords.SequenceNumber(third)}}"}]}""");
            }
            return Task.FromResult("""{"batchItemFailures":[]}""");
        });
        await using var server = await StartAsync(table => Mapping(PushResults, table) with { MaximumBatchingWindow = TimeSpan.FromMilliseconds(300) });
        using var client = server.CreateClient();

        await PutBatchAsync(client, server.Options.ImagesTableName, ["r-1", "r-2", "r-3", "r-4", "r-5"]);
        await RecordingInvoker.WaitUntilAsync(() => StatusOf(server, PushResults).Delivered == 5, "all 5 delivered");

        var invocations = _invoker.InvocationsOf(PushResults);
        invocations.Count.ShouldBe(2);
        invocations[0].Records.Select(r => StreamRecords.KeyS(r, "imageId")).ShouldBe(["r-1", "r-2", "r-3", "r-4", "r-5"]);
        invocations[1].Records.Select(r => StreamRecords.KeyS(r, "imageId")).ShouldBe(["r-3", "r-4", "r-5"]);
        invocations[1].SequenceNumbers.ShouldBe(invocations[0].SequenceNumbers.Skip(2));
        var status = StatusOf(server, PushResults);
        (status.Retried, status.Failed, status.Pending).ShouldBe((3, 0, 0));
    }

    [Fact]
    public async Task PoisonRecord_AlwaysFails_IsBisectedOutToFailureDestination()
    {
        var handled = new List<string>();
        _invoker.Handle(PushResults, invocation =>
        {
            if (invocation.Records.Any(r => r.GetProperty("dynamodb").GetProperty("NewImage").TryGetProperty("poison", out _)))
            {
                throw new InvalidOperationException("poison pill");
            }
            lock (handled)
            {
                handled.AddRange(invocation.Records.Select(r => StreamRecords.KeyS(r, "imageId")!));
            }
            return Task.FromResult("{}");
        });
        await using var server = await StartAsync(table => Mapping(PushResults, table) with
        {
            MaximumBatchingWindow = TimeSpan.FromMilliseconds(300),
            MaximumRetryAttempts = 2,
        });
        using var client = server.CreateClient();

        string[] ids = ["p-0", "p-1", "p-2", "p-3", "p-4", "p-5", "p-6", "p-7"];
        await PutBatchAsync(client, server.Options.ImagesTableName, ids, poisonId: "p-5");
        await RecordingInvoker.WaitUntilAsync(() => StatusOf(server, PushResults).Pending == 0, "the batch is settled");
        await PutAsync(client, server.Options.ImagesTableName, "after-poison");
        await RecordingInvoker.WaitUntilAsync(() => StatusOf(server, PushResults).Delivered == 8, "the later record is delivered");

        handled.ShouldBe(["p-0", "p-1", "p-2", "p-3", "p-4", "p-6", "p-7", "after-poison"]);
        var failure = (await File.ReadAllLinesAsync(FailureFile)).ShouldHaveSingleItem();
        using var line = JsonDocument.Parse(failure);
        line.RootElement.GetProperty("functionName").GetString().ShouldBe(PushResults);
        line.RootElement.GetProperty("condition").GetString().ShouldBe("RetryAttemptsExhausted");
        line.RootElement.GetProperty("error").GetString()!.ShouldContain("poison pill");
        line.RootElement.GetProperty("attempts").GetInt32().ShouldBe(3);
        StreamRecords.KeyS(line.RootElement.GetProperty("record"), "imageId").ShouldBe("p-5");
        var status = StatusOf(server, PushResults);
        (status.Received, status.Delivered, status.Failed, status.Pending).ShouldBe((9, 8, 1, 0));
        status.LastError!.ShouldContain("poison pill");
        // The poison record was tried once in each of the halves that held it, then 1 + 2 times alone.
        _invoker.InvocationsOf(PushResults).Count(i => i.Records.Any(r => StreamRecords.KeyS(r, "imageId") == "p-5")).ShouldBe(6);
    }

    [Fact]
    public async Task Consumers_OneStuck_OtherStillReceivesEverything()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _invoker.Handle(PushResults, async _ =>
        {
            await release.Task;
            return """{"batchItemFailures":[]}""";
        });
        await using var server = await StartAsync(table => Mapping(PushResults, table), table => Mapping(NotifyResults, table));
        using var client = server.CreateClient();

        for (var i = 0; i < 5; i++)
        {
            await PutAsync(client, server.Options.ImagesTableName, $"ind-{i}");
        }
        await RecordingInvoker.WaitUntilAsync(() => _invoker.RecordsSeenBy(NotifyResults).Count == 5, "NotifyResults got all 5 records");
        var pushInvocationsWhileStuck = _invoker.InvocationsOf(PushResults).Count;
        release.SetResult();
        await RecordingInvoker.WaitUntilAsync(() => StatusOf(server, PushResults).Delivered == 5, "PushResults caught up");

        pushInvocationsWhileStuck.ShouldBe(1, "PushResults was blocked in its first batch");
        StatusOf(server, PushResults).Pending.ShouldBe(0);
        _invoker.RecordsSeenBy(PushResults).Select(StreamRecords.SequenceNumber)
            .ShouldBe(_invoker.RecordsSeenBy(NotifyResults).Select(StreamRecords.SequenceNumber));
    }

    [Fact]
    public async Task FunctionError_WithoutBisect_RetriesWholeBatchWithBackoff()
    {
        var calls = 0;
        _invoker.Handle(NotifyResults, _ =>
            Task.FromResult(Interlocked.Increment(ref calls) <= 2 ? "not json at all" : """{"batchItemFailures":null}"""));
        await using var server = await StartAsync(table => Mapping(NotifyResults, table) with
        {
            BisectBatchOnFunctionError = false,
            MaximumBatchingWindow = TimeSpan.FromMilliseconds(300),
            RetryBackoff = TimeSpan.FromMilliseconds(100),
        });
        using var client = server.CreateClient();

        await PutBatchAsync(client, server.Options.ImagesTableName, ["w-1", "w-2"]);
        await RecordingInvoker.WaitUntilAsync(() => StatusOf(server, NotifyResults).Delivered == 2, "both delivered");

        var invocations = _invoker.InvocationsOf(NotifyResults);
        invocations.Count.ShouldBe(3);
        invocations.ShouldAllBe(i => i.Records.Count == 2);
        (invocations[2].Timestamp - invocations[0].Timestamp).ShouldBeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(290), "backoff of 100 ms, then 200 ms");
        StatusOf(server, NotifyResults).LastError!.ShouldContain("not a valid StreamsEventResponse");
        StatusOf(server, NotifyResults).Retried.ShouldBe(4);
    }

    [Fact]
    public async Task MaximumRecordAge_RecordsWaitedTooLong_GoToFailureDestination()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _invoker.Handle(PushResults, async invocation =>
        {
            if (invocation.Records.Any(r => StreamRecords.KeyS(r, "imageId") == "age-0"))
            {
                await release.Task;
            }
            return "{}";
        });
        await using var server = await StartAsync(table => Mapping(PushResults, table) with { MaximumRecordAge = TimeSpan.FromMilliseconds(250) });
        using var client = server.CreateClient();

        await PutAsync(client, server.Options.ImagesTableName, "age-0");
        await RecordingInvoker.WaitUntilAsync(() => _invoker.InvocationsOf(PushResults).Count == 1, "the first batch is in the function");
        await PutAsync(client, server.Options.ImagesTableName, "age-1");
        await Task.Delay(500);
        release.SetResult();
        await PutAsync(client, server.Options.ImagesTableName, "age-2");
        await RecordingInvoker.WaitUntilAsync(() => StatusOf(server, PushResults).Pending == 0, "everything settled");

        _invoker.RecordsSeenBy(PushResults).Select(r => StreamRecords.KeyS(r, "imageId")).ShouldBe(["age-0", "age-2"]);
        var failure = (await File.ReadAllLinesAsync(FailureFile)).ShouldHaveSingleItem();
        failure.ShouldContain("\"condition\":\"RecordAgeExceeded\"");
        failure.ShouldContain("age-1");
    }

    [Fact]
    public async Task Stop_DuringAnInvocation_WaitsForItToFinishInsteadOfAbandoningIt()
    {
        var started = new TaskCompletionSource();
        var finished = 0;
        _invoker.Handle(NotifyResults, async _ =>
        {
            started.TrySetResult();
            await Task.Delay(TimeSpan.FromMilliseconds(700));
            Interlocked.Exchange(ref finished, 1);
            return """{"batchItemFailures":[]}""";
        });
        var server = await StartAsync(table => Mapping(NotifyResults, table));
        using var client = server.CreateClient();
        await PutAsync(client, server.Options.ImagesTableName, "stop-1");
        await started.Task.WaitAsync(TimeSpan.FromSeconds(10));

        await server.DisposeAsync();

        // Abandoned, the handler would still be sleeping when the stop returned (and an email could be sent, not marked).
        Volatile.Read(ref finished).ShouldBe(1);
    }

    [Fact]
    public async Task DuplicateDeliveries_Two_DeliversEveryBatchTwice()
    {
        await using var server = await StartAsync(table => Mapping(NotifyResults, table) with { DuplicateDeliveries = 2 });
        using var client = server.CreateClient();

        await PutAsync(client, server.Options.ImagesTableName, "dup-1");
        await PutAsync(client, server.Options.ImagesTableName, "dup-1", "processing");
        await RecordingInvoker.WaitUntilAsync(() => StatusOf(server, NotifyResults).Delivered == 2, "both records delivered");

        var invocations = _invoker.InvocationsOf(NotifyResults);
        invocations.Count.ShouldBeGreaterThanOrEqualTo(2);
        (invocations.Count % 2).ShouldBe(0);
        for (var i = 0; i < invocations.Count; i += 2)
        {
            invocations[i + 1].Payload.ShouldBe(invocations[i].Payload);
        }
        _invoker.RecordsSeenBy(NotifyResults).Select(StreamRecords.EventName).ShouldBe(["INSERT", "INSERT", "MODIFY", "MODIFY"]);
        StatusOf(server, NotifyResults).Invocations.ShouldBe(invocations.Count);
    }

    [Fact]
    public async Task ConcurrentWrites_ThroughEndpoint_AllDeliveredInOrderAndMeasured()
    {
        await using var server = await StartAsync(table => Mapping(PushResults, table));
        using var client = server.CreateClient();
        using var direct = new AmazonDynamoDBClient(
            new Amazon.Runtime.BasicAWSCredentials("AKIDLOCALTEST", "secret"),
            new AmazonDynamoDBConfig { ServiceURL = dynalite.Url.ToString(), AuthenticationRegion = "us-east-1", MaxErrorRetry = 0 });
        const int writes = 300;
        // Warm both paths so that JIT and connection setup are not measured.
        await PutAsync(direct, server.Options.ImagesTableName, "warm-direct");
        await PutAsync(client, server.Options.ImagesTableName, "warm-proxy");

        var directTime = await TimeAsync(i => PutAsync(direct, server.Options.ImagesTableName, $"d-{i}"));
        var proxyTime = await TimeAsync(i => PutAsync(client, server.Options.ImagesTableName, $"x-{i}"));
        var delivery = Stopwatch.StartNew();
        var concurrent = Task.WhenAll(Enumerable.Range(0, writes).Select(i => PutAsync(client, server.Options.ImagesTableName, $"c-{i}")));
        await concurrent;
        await RecordingInvoker.WaitUntilAsync(() => StatusOf(server, PushResults).Delivered == 2 * writes + 1, "every record delivered", TimeSpan.FromSeconds(30));
        delivery.Stop();

        var overhead = (proxyTime - directTime).TotalMilliseconds / writes;
        output.WriteLine($"Sequential PutItem: direct {directTime.TotalMilliseconds / writes:0.00} ms, through the endpoint {proxyTime.TotalMilliseconds / writes:0.00} ms (+{overhead:0.00} ms per write)");
        output.WriteLine($"{writes} concurrent writes produced and delivered in {delivery.ElapsedMilliseconds} ms: {writes / delivery.Elapsed.TotalSeconds:0} records/s end to end");
        StatusOf(server, PushResults).Failed.ShouldBe(0);

        async Task<TimeSpan> TimeAsync(Func<int, Task> write)
        {
            var stopwatch = Stopwatch.StartNew();
            for (var i = 0; i < writes; i++)
            {
                await write(i);
            }
            return stopwatch.Elapsed;
        }
    }

    [Fact]
    public async Task Delivery_TenThousandRecords_BatchesOfAtMostBatchSizeInOrder()
    {
        await using var server = await StartAsync(table => Mapping(PushResults, table));
        var streams = server.Services.GetRequiredService<LocalDynamoDbStreams>();
        using var item = JsonDocument.Parse("""{"imageId":{"S":"bulk"},"status":{"S":"labeled"}}""");
        var image = item.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone());
        const int count = 10_000;

        var stopwatch = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            streams.Append(server.Options.ImagesTableName, "arn:test", ["imageId"], null, image);
        }
        await RecordingInvoker.WaitUntilAsync(() => StatusOf(server, PushResults).Delivered == count, "all records delivered", TimeSpan.FromSeconds(20));
        stopwatch.Stop();

        output.WriteLine($"{count} records delivered to one consumer in {stopwatch.ElapsedMilliseconds} ms: {count / stopwatch.Elapsed.TotalSeconds:0} records/s, {_invoker.InvocationsOf(PushResults).Count} invocations");
        _invoker.InvocationsOf(PushResults).ShouldAllBe(i => i.Records.Count >= 1 && i.Records.Count <= 100);
        var sequence = _invoker.RecordsSeenBy(PushResults).Select(StreamRecords.SequenceNumber).ToArray();
        sequence.Length.ShouldBe(count);
        sequence.ShouldBe(sequence.Order(StringComparer.Ordinal).Distinct(), "each record once, in sequence-number order");
    }

    [Theory]
    [InlineData("", true)]
    [InlineData("null", true)]
    [InlineData("{}", true)]
    [InlineData("""{"batchItemFailures":null}""", true)]
    [InlineData("""{"batchItemFailures":[]}""", true)]
    [InlineData("not json", false)]
    [InlineData("[]", false)]
    [InlineData("""{"batchItemFailures":[{"itemIdentifier":""}]}""", false)]
    [InlineData("""{"batchItemFailures":[{"itemIdentifier":null}]}""", false)]
    [InlineData("""{"batchItemFailures":[{"identifier":"000000000000000000002"}]}""", false)]
    [InlineData("""{"batchItemFailures":[{"itemIdentifier":"999"}]}""", false)]
    public void FromResponse_LambdasRules_SuccessOrWholeBatchFailure(string response, bool success)
    {
        var outcome = StreamBatchOutcome.FromResponse(ThreeRecords(), System.Text.Encoding.UTF8.GetBytes(response));

        (outcome.Error is null).ShouldBe(success);
        outcome.FailedFrom.ShouldBeNull();
    }

    [Fact]
    public void FromResponse_SeveralIdentifiers_RetriesFromTheEarliest()
    {
        var outcome = StreamBatchOutcome.FromResponse(ThreeRecords(), """
            {"batchItemFailures":[{"itemIdentifier":"000000000000000000003"},{"itemIdentifier":"000000000000000000002"}]}
            """u8.ToArray());

        outcome.FailedFrom.ShouldBe(1);
        outcome.Error!.ShouldContain("000000000000000000002");
    }

    private static QueuedStreamRecord[] ThreeRecords() =>
        Enumerable.Range(1, 3).Select(i => new QueuedStreamRecord(
            new DynamoDbStreamRecord
            {
                EventId = $"e{i}",
                EventName = "INSERT",
                AwsRegion = "us-east-1",
                EventSourceArn = "arn:aws:dynamodb:us-east-1:000000000000:table/T/stream/2025-01-01T00:00:00.000",
                Dynamodb = new DynamoDbStreamRecordData
                {
                    ApproximateCreationDateTime = 0,
                    Keys = new Dictionary<string, JsonElement>(),
                    SequenceNumber = i.ToString("D21", System.Globalization.CultureInfo.InvariantCulture),
                    SizeBytes = 0,
                    StreamViewType = StreamViewTypes.NewAndOldImages,
                },
            },
            DateTimeOffset.UtcNow)).ToArray();

    public void Dispose() => Directory.Delete(_dataFolder, recursive: true);
}
