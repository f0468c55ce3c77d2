using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using ImageLabelsLive.Aws.DynamoDb;
using ImageLabelsLive.LocalAws.DynamoDB;
using ImageLabelsLive.LocalAws.DynamoDBStreams;
using ImageLabelsLive.LocalAws.Lambda;
using ImageLabelsLive.LocalAws.Tests.DynamoDBStreams;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace ImageLabelsLive.LocalAws.Tests.DynamoDB;

/// <summary>The DynamoDB endpoint against a real dynalite, driven by the real AWS SDK (and the AWS CLI when installed).</summary>
public sealed class LocalDynamoDbProxyTests(DynaliteFixture dynalite, ITestOutputHelper output) : IClassFixture<DynaliteFixture>
{
    private const string Consumer = "Recorder";

    private readonly RecordingInvoker _invoker = new();

    private Task<LocalDynamoDbServer> StartWithRecorderAsync(string? imagesTable = null) =>
        LocalDynamoDbServer.StartAsync(
            dynalite,
            (options, services) =>
            {
                services.AddSingleton<ILambdaInvoker>(_invoker);
                services.AddLocalDynamoDbStreamConsumer(new EventSourceMappingOptions
                {
                    FunctionName = Consumer,
                    TableName = options.ImagesTableName,
                });
            },
            imagesTable);

    private IReadOnlyList<JsonElement> Records => _invoker.RecordsSeenBy(Consumer);

    private Task WaitForRecordsAsync(int count) =>
        RecordingInvoker.WaitUntilAsync(() => Records.Count >= count, $"{count} stream records arrived (have {Records.Count})");

    private static Dictionary<string, AttributeValue> Image(string imageId, string feedId, string status, string createdAt = "2025-01-01T00:00:00.000Z") => new()
    {
        ["imageId"] = new AttributeValue { S = imageId },
        ["feedId"] = new AttributeValue { S = feedId },
        ["status"] = new AttributeValue { S = status },
        ["createdAt"] = new AttributeValue { S = createdAt },
        ["size"] = new AttributeValue { N = "1234" },
    };

    [Fact]
    public async Task EnsureCreatedAsync_MissingTables_CreatesKeysAndIndexesOnce()
    {
        await using var server = await LocalDynamoDbServer.StartAsync(dynalite, createTables: false);
        var tables = server.Services.GetRequiredService<LocalTables>();

        var first = await tables.EnsureCreatedAsync(CancellationToken.None);
        var second = await tables.EnsureCreatedAsync(CancellationToken.None);

        first.Created.ShouldBe([server.Options.ImagesTableName, server.Options.ConnectionsTableName]);
        second.Created.ShouldBeEmpty();
        first.TimeToLiveApplied.ShouldBeFalse("dynalite 4.0 has no UpdateTimeToLive");
        using var client = server.CreateClient();
        var images = (await client.DescribeTableAsync(server.Options.ImagesTableName)).Table;
        images.TableStatus.Value.ShouldBe("ACTIVE");
        images.KeySchema.Select(k => (k.AttributeName, k.KeyType.Value)).ShouldBe([("imageId", "HASH")]);
        images.GlobalSecondaryIndexes.Count.ShouldBe(2);
        var byFeed = images.GlobalSecondaryIndexes.Single(i => i.IndexName == "feedId-createdAt-index");
        var unfinished = images.GlobalSecondaryIndexes.Single(i => i.IndexName == "unfinished-updatedAt-index");
        unfinished.KeySchema.Select(k => (k.AttributeName, k.KeyType.Value)).ShouldBe([("unfinishedStatus", "HASH"), ("updatedAt", "RANGE")]);
        byFeed.KeySchema.Select(k => (k.AttributeName, k.KeyType.Value)).ShouldBe([("feedId", "HASH"), ("createdAt", "RANGE")]);
        byFeed.Projection.ProjectionType.Value.ShouldBe("ALL");
        images.AttributeDefinitions.ShouldAllBe(a => a.AttributeType == ScalarAttributeType.S);
        var connections = (await client.DescribeTableAsync(server.Options.ConnectionsTableName)).Table;
        connections.KeySchema.Select(k => (k.AttributeName, k.KeyType.Value)).ShouldBe([("connectionId", "HASH")]);
        var connectionsByFeed = connections.GlobalSecondaryIndexes.ShouldHaveSingleItem();
        connectionsByFeed.IndexName.ShouldBe("feedId-index");
        connectionsByFeed.KeySchema.Select(k => (k.AttributeName, k.KeyType.Value)).ShouldBe([("feedId", "HASH"), ("connectionId", "RANGE")]);
        connectionsByFeed.Projection.ProjectionType.Value.ShouldBe("ALL");
    }

    [Fact]
    public async Task PutItem_NewItem_ProducesInsertWithNewImageOnly()
    {
        await using var server = await StartWithRecorderAsync();
        using var client = server.CreateClient();
        var before = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

        await client.PutItemAsync(server.Options.ImagesTableName, Image("img-1", "feed-a", "uploading"));
        await WaitForRecordsAsync(1);

        var record = Records.ShouldHaveSingleItem();
        record.GetProperty("eventName").GetString().ShouldBe("INSERT");
        record.GetProperty("eventVersion").GetString().ShouldBe("1.1");
        record.GetProperty("eventSource").GetString().ShouldBe("aws:dynamodb");
        record.GetProperty("awsRegion").GetString().ShouldBe("us-east-1");
        record.GetProperty("eventID").GetString()!.ShouldMatch("^[0-9a-f]{32}$");
        record.GetProperty("eventSourceARN").GetString()!.ShouldMatch(
            $@"^arn:aws:dynamodb:us-east-1:000000000000:table/{server.Options.ImagesTableName}/stream/\d{{4}}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{{3}}$");
        var data = record.GetProperty("dynamodb");
        data.GetProperty("Keys").GetRawText().ShouldBe("""{"imageId":{"S":"img-1"}}""");
        var newImage = data.GetProperty("NewImage");
        newImage.GetProperty("status").GetProperty("S").GetString().ShouldBe("uploading");
        newImage.GetProperty("size").GetProperty("N").GetString().ShouldBe("1234");
        newImage.EnumerateObject().Count().ShouldBe(5);
        data.TryGetProperty("OldImage", out _).ShouldBeFalse();
        data.GetProperty("SequenceNumber").GetString()!.ShouldMatch("^[0-9]{21}$");
        data.GetProperty("SizeBytes").GetInt64().ShouldBeInRange(60, 120);
        data.GetProperty("StreamViewType").GetString().ShouldBe("NEW_AND_OLD_IMAGES");
        data.GetProperty("ApproximateCreationDateTime").GetInt64().ShouldBeInRange(before, before + 10);
    }

    [Fact]
    public async Task UpdateItem_ConditionHolds_ProducesModifyWithBothImages()
    {
        await using var server = await StartWithRecorderAsync();
        using var client = server.CreateClient();
        await client.PutItemAsync(server.Options.ImagesTableName, Image("img-2", "feed-a", "uploading"));

        await client.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = server.Options.ImagesTableName,
            Key = new() { ["imageId"] = new AttributeValue { S = "img-2" } },
            UpdateExpression = "SET #s = :next",
            ConditionExpression = "#s = :current",
            ExpressionAttributeNames = new() { ["#s"] = "status" },
            ExpressionAttributeValues = new() { [":next"] = new AttributeValue { S = "processing" }, [":current"] = new AttributeValue { S = "uploading" } },
        });
        await WaitForRecordsAsync(2);

        var modify = Records[1];
        StreamRecords.EventName(modify).ShouldBe("MODIFY");
        StreamRecords.ImageS(modify, "OldImage", "status").ShouldBe("uploading");
        StreamRecords.ImageS(modify, "NewImage", "status").ShouldBe("processing");
        StreamRecords.ImageS(modify, "NewImage", "feedId").ShouldBe("feed-a");
        StreamRecords.KeyS(modify, "imageId").ShouldBe("img-2");
        string.CompareOrdinal(StreamRecords.SequenceNumber(modify), StreamRecords.SequenceNumber(Records[0])).ShouldBePositive();
    }

    [Fact]
    public async Task UpdateItem_ConditionFails_ProducesNoRecord()
    {
        await using var server = await StartWithRecorderAsync();
        using var client = server.CreateClient();
        await client.PutItemAsync(server.Options.ImagesTableName, Image("img-3", "feed-a", "labeled"));

        await Should.ThrowAsync<ConditionalCheckFailedException>(() => client.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = server.Options.ImagesTableName,
            Key = new() { ["imageId"] = new AttributeValue { S = "img-3" } },
            UpdateExpression = "SET #s = :next",
            ConditionExpression = "#s = :current",
            ExpressionAttributeNames = new() { ["#s"] = "status" },
            ExpressionAttributeValues = new() { [":next"] = new AttributeValue { S = "processing" }, [":current"] = new AttributeValue { S = "uploading" } },
        }));
        // Records are delivered in order, so once the marker's record is in, a record for the failed write would be too.
        await client.PutItemAsync(server.Options.ImagesTableName, Image("marker", "feed-a", "uploading"));
        await WaitForRecordsAsync(2);

        Records.Select(r => (StreamRecords.EventName(r), StreamRecords.KeyS(r, "imageId"))).ShouldBe([("INSERT", "img-3"), ("INSERT", "marker")]);
    }

    [Fact]
    public async Task PutItem_UnchangedItem_ProducesNoRecord()
    {
        await using var server = await StartWithRecorderAsync();
        using var client = server.CreateClient();

        await client.PutItemAsync(server.Options.ImagesTableName, Image("img-same", "feed-a", "uploading"));
        await client.PutItemAsync(server.Options.ImagesTableName, Image("img-same", "feed-a", "uploading"));
        await client.PutItemAsync(server.Options.ImagesTableName, Image("marker", "feed-a", "uploading"));
        await WaitForRecordsAsync(2);

        Records.Select(r => StreamRecords.KeyS(r, "imageId")).ShouldBe(["img-same", "marker"]);
    }

    [Fact]
    public async Task DeleteItem_ExistingItem_ProducesRemoveWithOldImageOnly()
    {
        await using var server = await StartWithRecorderAsync();
        using var client = server.CreateClient();
        await client.PutItemAsync(server.Options.ImagesTableName, Image("img-4", "feed-a", "failed"));

        await client.DeleteItemAsync(server.Options.ImagesTableName, new() { ["imageId"] = new AttributeValue { S = "img-4" } });
        await client.DeleteItemAsync(server.Options.ImagesTableName, new() { ["imageId"] = new AttributeValue { S = "never-existed" } });
        await client.PutItemAsync(server.Options.ImagesTableName, Image("marker", "feed-a", "uploading"));
        await WaitForRecordsAsync(3);

        Records.Select(StreamRecords.EventName).ShouldBe(["INSERT", "REMOVE", "INSERT"]);
        var remove = Records[1];
        StreamRecords.KeyS(remove, "imageId").ShouldBe("img-4");
        StreamRecords.ImageS(remove, "OldImage", "status").ShouldBe("failed");
        StreamRecords.Image(remove, "NewImage").ShouldBeNull();
    }

    [Fact]
    public async Task UpdateItem_FiftyConcurrentOnOneKey_RecordsChainInWriteOrder()
    {
        await using var server = await StartWithRecorderAsync();
        using var client = server.CreateClient();
        var item = Image("img-hot", "feed-a", "uploading");
        item["n"] = new AttributeValue { N = "0" };
        await client.PutItemAsync(server.Options.ImagesTableName, item);

        var stopwatch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => client.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = server.Options.ImagesTableName,
            Key = new() { ["imageId"] = new AttributeValue { S = "img-hot" } },
            UpdateExpression = "SET n = n + :one",
            ExpressionAttributeValues = new() { [":one"] = new AttributeValue { N = "1" } },
        })));
        output.WriteLine($"50 concurrent updates of one key through the endpoint: {stopwatch.ElapsedMilliseconds} ms");
        await WaitForRecordsAsync(51);

        var records = Records;
        records.Count.ShouldBe(51);
        for (var i = 1; i < records.Count; i++)
        {
            StreamRecords.EventName(records[i]).ShouldBe("MODIFY");
            records[i].GetProperty("dynamodb").GetProperty("OldImage").GetRawText()
                .ShouldBe(records[i - 1].GetProperty("dynamodb").GetProperty("NewImage").GetRawText());
            records[i].GetProperty("dynamodb").GetProperty("NewImage").GetProperty("n").GetProperty("N").GetString()
                .ShouldBe(i.ToString(CultureInfo.InvariantCulture));
            string.CompareOrdinal(StreamRecords.SequenceNumber(records[i]), StreamRecords.SequenceNumber(records[i - 1])).ShouldBePositive();
        }
    }

    [Fact]
    public async Task BatchWriteItem_StreamedAndPlainTables_OneRecordPerChangedStreamedItem()
    {
        await using var server = await StartWithRecorderAsync();
        using var client = server.CreateClient();
        await client.PutItemAsync(server.Options.ImagesTableName, Image("img-old", "feed-b", "labeled"));

        await client.BatchWriteItemAsync(new BatchWriteItemRequest
        {
            RequestItems = new()
            {
                [server.Options.ImagesTableName] =
                [
                    new WriteRequest(new PutRequest(Image("img-b1", "feed-b", "uploading"))),
                    new WriteRequest(new PutRequest(Image("img-b2", "feed-b", "uploading"))),
                    new WriteRequest(new DeleteRequest(new() { ["imageId"] = new AttributeValue { S = "img-old" } })),
                ],
                [server.Options.ConnectionsTableName] =
                [
                    new WriteRequest(new PutRequest(new() { ["connectionId"] = new AttributeValue { S = "c1" }, ["feedId"] = new AttributeValue { S = "feed-b" } })),
                ],
            },
        });
        await client.PutItemAsync(server.Options.ImagesTableName, Image("marker", "feed-a", "uploading"));
        await WaitForRecordsAsync(5);

        Records.Select(r => (StreamRecords.EventName(r), StreamRecords.KeyS(r, "imageId")))
            .ShouldBe([("INSERT", "img-old"), ("INSERT", "img-b1"), ("INSERT", "img-b2"), ("REMOVE", "img-old"), ("INSERT", "marker")]);
        (await client.GetItemAsync(server.Options.ConnectionsTableName, new() { ["connectionId"] = new AttributeValue { S = "c1" } })).IsItemSet.ShouldBeTrue();
    }

    [Fact]
    public async Task Query_FeedIndexThroughEndpoint_ReturnsFeedNewestFirst()
    {
        await using var server = await LocalDynamoDbServer.StartAsync(dynalite);
        using var client = server.CreateClient();
        await client.PutItemAsync(server.Options.ImagesTableName, Image("a", "feed-q", "labeled", "2025-01-01T10:00:00.000Z"));
        await client.PutItemAsync(server.Options.ImagesTableName, Image("b", "feed-q", "labeled", "2025-01-01T12:00:00.000Z"));
        await client.PutItemAsync(server.Options.ImagesTableName, Image("c", "feed-other", "labeled", "2025-01-01T11:00:00.000Z"));

        var result = await client.QueryAsync(new QueryRequest
        {
            TableName = server.Options.ImagesTableName,
            IndexName = TableSchemas.ImagesFeedIndex,
            KeyConditionExpression = "feedId = :feed",
            ExpressionAttributeValues = new() { [":feed"] = new AttributeValue { S = "feed-q" } },
            ScanIndexForward = false,
            Limit = 50,
        });

        result.Items.Select(i => i["imageId"].S).ShouldBe(["b", "a"]);
    }

    [Fact]
    public async Task UnsupportedOperation_ThroughEndpoint_ReturnsDynalitesAnswerUnchanged()
    {
        await using var server = await LocalDynamoDbServer.StartAsync(dynalite);
        using var http = new HttpClient();

        async Task<(HttpStatusCode Status, string Body, string? Crc, bool HasRequestId)> SendAsync(Uri url)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, url);
            request.Content = new StringContent("""{"TransactItems":[]}""", Encoding.UTF8);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-amz-json-1.0");
            request.Headers.TryAddWithoutValidation("X-Amz-Target", "DynamoDB_20120810.TransactWriteItems");
            request.Headers.TryAddWithoutValidation("X-Amz-Date", "20250101T000000Z");
            request.Headers.TryAddWithoutValidation("Authorization", "AWS4-HMAC-SHA256 Credential=x/20250101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=abc");
            using var response = await http.SendAsync(request);
            return (response.StatusCode, await response.Content.ReadAsStringAsync(),
                response.Headers.TryGetValues("x-amz-crc32", out var crc) ? crc.Single() : null,
                response.Headers.Contains("x-amzn-RequestId"));
        }

        var direct = await SendAsync(dynalite.Url);
        var proxied = await SendAsync(server.ServiceUrl);

        proxied.Status.ShouldBe(HttpStatusCode.BadRequest);
        proxied.Body.ShouldBe(direct.Body);
        proxied.Body.ShouldContain("UnknownOperationException");
        proxied.Crc.ShouldNotBeNull();
        proxied.Crc.ShouldBe(direct.Crc);
        proxied.HasRequestId.ShouldBeTrue();
    }

    [Fact]
    public async Task IsHealthyAsync_DynaliteUpOrDown_ReportsIt()
    {
        await using var up = await LocalDynamoDbServer.StartAsync(dynalite, createTables: false);
        var down = new ServiceCollection()
            .AddLocalDynamoDb(new LocalDynamoDbOptions { DynaliteUrl = new Uri("http://127.0.0.1:9/") })
            .BuildServiceProvider();

        (await up.Services.GetRequiredService<LocalDynamoDb>().IsHealthyAsync()).ShouldBeTrue();
        (await down.GetRequiredService<LocalDynamoDb>().IsHealthyAsync()).ShouldBeFalse();
        await down.DisposeAsync();
    }

    [AwsCliFact]
    public async Task AwsCliScan_ThroughEndpoint_ReturnsTheItems()
    {
        await using var server = await StartWithRecorderAsync(imagesTable: "Images");
        using var client = server.CreateClient();
        await client.PutItemAsync("Images", Image("cli-1", "feed-cli", "labeled"));

        using var scan = await AwsCliAsync(server, "dynamodb", "scan", "--table-name", "Images");

        scan.RootElement.GetProperty("Count").GetInt32().ShouldBe(1);
        scan.RootElement.GetProperty("Items")[0].GetProperty("imageId").GetProperty("S").GetString().ShouldBe("cli-1");
    }

    [Fact]
    public async Task DescribeTable_StreamedTable_ReportsItsStreamAsDynamoDbDoes()
    {
        await using var server = await StartWithRecorderAsync();
        using var client = server.CreateClient();

        // The SDK checks the answer's x-amz-crc32, so this also shows the checksum matches the changed body.
        var table = (await client.DescribeTableAsync(server.Options.ImagesTableName)).Table;

        table.StreamSpecification.StreamEnabled.ShouldBe(true);
        table.StreamSpecification.StreamViewType.ShouldBe(StreamViewType.NEW_AND_OLD_IMAGES);
        table.LatestStreamArn.ShouldStartWith($"arn:aws:dynamodb:us-east-1:000000000000:table/{server.Options.ImagesTableName}/stream/");
        table.LatestStreamArn.ShouldEndWith("/" + table.LatestStreamLabel);
    }

    [Fact]
    public async Task DescribeTable_TableWithoutStream_NoStreamReported()
    {
        await using var server = await StartWithRecorderAsync();
        using var client = server.CreateClient();

        var table = (await client.DescribeTableAsync(server.Options.ConnectionsTableName)).Table;

        (table.StreamSpecification?.StreamEnabled ?? false).ShouldBe(false);
        table.LatestStreamArn.ShouldBeNull();
    }

    [AwsCliFact]
    public async Task AwsCliDescribeTable_StreamedTable_StreamSpecificationAndArn()
    {
        await using var server = await StartWithRecorderAsync(imagesTable: "Images");

        using var described = await AwsCliAsync(server, "dynamodb", "describe-table", "--table-name", "Images");

        var table = described.RootElement.GetProperty("Table");
        table.GetProperty("StreamSpecification").GetProperty("StreamViewType").GetString().ShouldBe("NEW_AND_OLD_IMAGES");
        table.GetProperty("LatestStreamArn").GetString()!.ShouldContain(":table/Images/stream/");
    }

    [AwsCliFact]
    public async Task AwsCliListStreams_NotPlayed_SaysWhereTheStreamGoes()
    {
        await using var server = await StartWithRecorderAsync();

        var (exitCode, _, error) = await RunAwsCliAsync(server, "dynamodbstreams", "list-streams");

        exitCode.ShouldNotBe(0);
        error.ShouldContain("UnknownOperationException");
        error.ShouldContain("does not play the DynamoDB Streams API");
    }

    /// <summary>Runs the real AWS CLI against the endpoint with throwaway credentials; its JSON output.</summary>
    private static async Task<JsonDocument> AwsCliAsync(LocalDynamoDbServer server, params string[] arguments)
    {
        var (exitCode, output, error) = await RunAwsCliAsync(server, arguments);
        exitCode.ShouldBe(0, error);
        return JsonDocument.Parse(output);
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunAwsCliAsync(LocalDynamoDbServer server, params string[] arguments)
    {
        var start = new ProcessStartInfo(AwsCliFactAttribute.CliPath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments.Concat(["--endpoint-url", server.ServiceUrl.ToString(), "--region", "us-east-1", "--output", "json"]))
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["AWS_ACCESS_KEY_ID"] = "AKIDANYTHING";
        start.Environment["AWS_SECRET_ACCESS_KEY"] = "anything";
        start.Environment["AWS_CONFIG_FILE"] = "/dev/null";
        start.Environment["AWS_SHARED_CREDENTIALS_FILE"] = "/dev/null";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout, await stderr);
    }
}
