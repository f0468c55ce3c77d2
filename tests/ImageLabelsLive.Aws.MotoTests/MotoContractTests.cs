using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Amazon.ApiGatewayManagementApi;
using Amazon.ApiGatewayManagementApi.Model;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.S3.Model;
using Amazon.SimpleNotificationService.Model;
using ImageLabelsLive.Aws.Configuration;
using ImageLabelsLive.Aws.Detection;
using ImageLabelsLive.Aws.DynamoDb;
using ImageLabelsLive.Aws.S3;
using ImageLabelsLive.Core.Images;
using ImageLabelsLive.Core.Ports;
using ImageLabelsLive.LocalAws.DynamoDB;
using Microsoft.Extensions.Logging.Abstractions;

namespace ImageLabelsLive.Aws.MotoTests;

/// <summary>The production clients and adapters, built by AwsClientFactory as on AWS, with only the endpoints at moto.</summary>
[Collection(MotoGroup.Name)]
public sealed class MotoContractTests(MotoServer moto)
{
    private const string Bucket = "ill-moto-uploads";

    private FunctionSettings Settings => new()
    {
        S3Endpoint = moto.Endpoint,
        DynamoDbEndpoint = moto.Endpoint,
        RekognitionEndpoint = moto.Endpoint,
        SnsEndpoint = moto.Endpoint,
        ConnectionsEndpoint = moto.Endpoint,
    };

    [SkippableFact]
    public async Task DetectLabels_S3Object_ReadsMotosLabels()
    {
        Skip.If(moto.SkipReason is not null, moto.SkipReason);
        using var s3 = AwsClientFactory.CreateS3(Settings);
        await s3.PutBucketAsync(Bucket);
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = Bucket, Key = "uploads/f/cat.png", ContentBody = "png", ContentType = "image/png" });
        using var rekognition = AwsClientFactory.CreateRekognition(Settings);
        var detector = new RekognitionLabelDetector(rekognition, maxLabels: 10, minConfidence: 50);

        var labels = await detector.DetectAsync(Bucket, "uploads/f/cat.png", default);

        // moto answers every DetectLabels with the same canned labels, whatever the object holds (AWS reads the image).
        labels.ShouldNotBeEmpty();
        labels.ShouldAllBe(label => !string.IsNullOrEmpty(label.Name) && label.Confidence >= 50);
    }

    // moto 5.2.1 answers DetectLabels and DetectText of the four analyses; it has no handler for DetectFaces or
    // DetectModerationLabels (moto/rekognition/responses.py), and answers them 500. Those two are checked against the
    // botocore model only (Aws.Tests' RekognitionAnalysesContractTests).

    [SkippableFact]
    public async Task AnalyzerDetectLabels_GeneralLabelsAndImageProperties_ReadsMotosLabelsAndInventsNoProperties()
    {
        Skip.If(moto.SkipReason is not null, moto.SkipReason);
        var key = await PutObjectAsync("uploads/f/properties.png");
        using var rekognition = AwsClientFactory.CreateRekognition(Settings);
        var analyzer = new RekognitionImageAnalyzer(rekognition, maxLabels: 10, minConfidence: 50);

        var result = await analyzer.DetectLabelsAsync(Bucket, key, new LabelFeatures(GeneralLabels: true, ImageProperties: true), default);

        var phone = result.Labels.ShouldHaveSingleItem();
        phone.Name.ShouldBe("Mobile Phone");
        phone.Categories.ShouldBe(["Technology and Computing"]);
        phone.Aliases.ShouldBe(["Cell Phone"]);
        // moto nests its canned properties one level too deep ("ImageProperties": {"ImageProperties": {…}}), so the
        // client finds the member but none of the model's fields in it: the adapter keeps that as no quality and no
        // colours rather than zeros.
        var properties = result.ImageProperties.ShouldNotBeNull();
        properties.Quality.ShouldBeNull();
        properties.DominantColors.ShouldBeEmpty();
    }

    [SkippableFact]
    public async Task AnalyzerDetectText_S3Object_KeepsMotosLinesWithBoxesAndDropsItsWords()
    {
        Skip.If(moto.SkipReason is not null, moto.SkipReason);
        var key = await PutObjectAsync("uploads/f/text.png");
        using var rekognition = AwsClientFactory.CreateRekognition(Settings);
        var analyzer = new RekognitionImageAnalyzer(rekognition, maxLabels: 10, minConfidence: 50);

        var lines = await analyzer.DetectTextAsync(Bucket, key, default);

        // moto's canned answer: four LINE detections and five WORD detections of the same text.
        lines.Select(line => line.DetectedText).ShouldBe(["IT'S", "MONDAY", "but keep", "Smiling"]);
        lines.ShouldAllBe(line => line.Confidence > 80 && line.BoundingBox.Width > 0 && line.BoundingBox.Left + line.BoundingBox.Width <= 1);
    }

    [SkippableFact]
    public async Task Publish_WithMessageAttributes_GetsAMessageId()
    {
        Skip.If(moto.SkipReason is not null, moto.SkipReason);
        var topicArn = await CreateTopicAsync("ill-moto-results");
        using var sns = AwsClientFactory.CreateSns(Settings);

        var response = await sns.PublishAsync(new PublishRequest
        {
            TopicArn = topicArn,
            Subject = "cat.png: labeled",
            Message = "Cat 98 %",
            MessageAttributes = new Dictionary<string, MessageAttributeValue>(StringComparer.Ordinal)
            {
                ["feedId"] = new MessageAttributeValue { DataType = "String", StringValue = "feed-1" },
            },
        });

        response.MessageId.ShouldNotBeNullOrEmpty();
        response.HttpStatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [SkippableFact]
    public async Task ManagementApi_PostGetDelete_AreAnswered()
    {
        Skip.If(moto.SkipReason is not null, moto.SkipReason);
        using var forwarder = new ConnectionsPathForwarder(moto.Endpoint);
        using var api = AwsClientFactory.CreateManagementApi(Settings with { ConnectionsEndpoint = forwarder.Endpoint });

        var post = await api.PostToConnectionAsync(new PostToConnectionRequest { ConnectionId = "conn-1", Data = new MemoryStream("{\"type\":\"pong\"}"u8.ToArray()) });
        var get = await api.GetConnectionAsync(new GetConnectionRequest { ConnectionId = "conn-1" });
        var delete = await api.DeleteConnectionAsync(new DeleteConnectionRequest { ConnectionId = "conn-1" });

        // The client sends the path as AWS's SDKs do, percent-encoded (see ConnectionsPathForwarder).
        forwarder.ReceivedPaths.ShouldAllBe(path => path.StartsWith("/%40connections/conn-1", StringComparison.Ordinal));
        post.HttpStatusCode.ShouldBe(HttpStatusCode.OK);
        // moto describes any connection id it is asked about, open or not; AWS answers 410 GoneException for an
        // unknown id (covered against the local host). moto sends connectedAt and lastActiveAt as epoch seconds,
        // where the API's model says ISO 8601; the client reads either, as AWSSDK.Core's timestamp reader does.
        get.HttpStatusCode.ShouldBe(HttpStatusCode.OK);
        get.ConnectedAt.ShouldNotBeNull();
        get.Identity.ShouldNotBeNull().SourceIp.ShouldNotBeNullOrEmpty();
        get.Identity.UserAgent.ShouldNotBeNullOrEmpty();
        delete.HttpStatusCode.ShouldBeOneOf(HttpStatusCode.OK, HttpStatusCode.NoContent);
    }

    [SkippableFact]
    public async Task Presigner_PutThenGet_RoundTripsTheBytes()
    {
        Skip.If(moto.SkipReason is not null, moto.SkipReason);
        using var s3 = AwsClientFactory.CreateS3(Settings);
        await s3.PutBucketAsync(Bucket);
        var objects = new S3UploadedObjects(s3, Bucket);
        var bytes = "\x89PNG\r\n\x1a\nmoto"u8.ToArray();
        using var http = new HttpClient();

        using var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        using var put = await http.PutAsync(objects.SignPut("uploads/f/presigned.png", "image/png", DateTimeOffset.UtcNow.AddMinutes(5)), content);
        var got = await http.GetByteArrayAsync(objects.SignGet("uploads/f/presigned.png", DateTimeOffset.UtcNow.AddMinutes(5)));
        var prefix = await objects.ReadPrefixAsync(Bucket, "uploads/f/presigned.png", 4, default);

        put.StatusCode.ShouldBe(HttpStatusCode.OK);
        got.ShouldBe(bytes);
        prefix.ShouldBe(bytes[..4]);
    }

    [SkippableFact]
    public async Task FindAsync_ObjectThereAndObjectMissing_IsItsLengthAndArrivalAndNull()
    {
        Skip.If(moto.SkipReason is not null, moto.SkipReason);
        var key = await PutObjectAsync("uploads/f/arrived.png");
        using var s3 = AwsClientFactory.CreateS3(Settings);
        var objects = new S3UploadedObjects(s3, Bucket);

        var before = DateTimeOffset.UtcNow.AddMinutes(-1);
        var arrived = await objects.FindAsync(Bucket, key, default);
        var missing = await objects.FindAsync(Bucket, "uploads/f/never-sent.png", default);

        // HEAD of a missing key: 404 (S3 answers 403 instead to a caller without s3:ListBucket; the sweeper has it).
        arrived.ShouldNotBeNull().Size.ShouldBe(3);
        arrived.ArrivedAt.ShouldBeGreaterThan(before);
        arrived.ArrivedAt.ShouldBeLessThan(DateTimeOffset.UtcNow.AddMinutes(1));
        missing.ShouldBeNull();
    }

    [SkippableFact]
    public async Task TryMarkRedrivenAsync_UploadingThenAgain_MarksOnceOnly()
    {
        Skip.If(moto.SkipReason is not null, moto.SkipReason);
        var options = await CreateTablesAsync();
        using var dynamoDb = AwsClientFactory.CreateDynamoDb(Settings);
        var images = new DynamoDbImageStore(dynamoDb, options.ImagesTableName);
        var stale = new DynamoDbStaleImages(dynamoDb, options.ImagesTableName);
        var now = DateTimeOffset.UtcNow;
        var uploading = Uploading("moto-feed-0000000002", "arrived.png", 3, now);
        await images.CreateAsync(uploading, default);

        var first = await stale.TryMarkRedrivenAsync(uploading.ImageId, now, default);
        var second = await stale.TryMarkRedrivenAsync(uploading.ImageId, now.AddMinutes(1), default);

        // An upload whose bytes arrived but whose event never ran is re-driven like a stuck processing record: once.
        first.ShouldBeTrue();
        second.ShouldBeFalse();
    }

    [SkippableFact]
    public async Task Stores_OnTheLocalHostsTableDefinitions_WriteReadAndList()
    {
        Skip.If(moto.SkipReason is not null, moto.SkipReason);
        var options = await CreateTablesAsync();
        using var dynamoDb = AwsClientFactory.CreateDynamoDb(Settings);
        var images = new DynamoDbImageStore(dynamoDb, options.ImagesTableName);
        var connections = new DynamoDbConnectionStore(dynamoDb, options.ConnectionsTableName, TimeProvider.System);
        var now = DateTimeOffset.UtcNow;
        var record = Uploading("moto-feed-0000000001", "cat.png", 1234, now);

        await images.CreateAsync(record, default);
        var read = await images.GetAsync(record.ImageId, default);
        var listed = await images.ListByFeedAsync(record.FeedId, 10, default);
        await connections.SaveAsync(new FeedConnection("conn-moto", record.FeedId, now, now.AddHours(2)), default);
        var feedConnections = await connections.ListByFeedAsync(record.FeedId, default);

        read.ShouldNotBeNull().FileName.ShouldBe("cat.png");
        listed.Select(image => image.ImageId).ShouldBe([record.ImageId]);
        feedConnections.ShouldBe(["conn-moto"]);
    }

    private static ImageRecord Uploading(string feedId, string fileName, long size, DateTimeOffset now) => new()
    {
        ImageId = ImageIds.New(), FeedId = feedId, FileName = fileName, ContentType = "image/png", Size = size,
        Status = ImageStatus.Uploading, CreatedAt = now, UpdatedAt = now,
    };

    /// <summary>The app's tables from its one schema (streams included), created in moto's DynamoDB with AWSSDK's client.</summary>
    private async Task<LocalDynamoDbOptions> CreateTablesAsync()
    {
        var options = new LocalDynamoDbOptions { DynaliteUrl = moto.Endpoint, ImagesTableName = "ill-moto-images", ConnectionsTableName = "ill-moto-connections" };
        using var dynamoDb = AwsClientFactory.CreateDynamoDb(Settings);
        foreach (var schema in new[] { TableSchemas.Images(options.ImagesTableName), TableSchemas.Connections(options.ConnectionsTableName) })
        {
            try
            {
                await dynamoDb.CreateTableAsync(schema.Create);
            }
            catch (ResourceInUseException)
            {
                // Created by an earlier run against the same moto.
            }
        }
        return options;
    }

    /// <summary>An object for the analyses to name by S3 reference (moto does not read it; AWS would).</summary>
    private async Task<string> PutObjectAsync(string key)
    {
        using var s3 = AwsClientFactory.CreateS3(Settings);
        await s3.PutBucketAsync(Bucket);
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = Bucket, Key = key, ContentBody = "png", ContentType = "image/png" });
        return key;
    }

    /// <summary>CreateTopic over SNS's Query protocol (the SNS client has only the operations the app calls).</summary>
    private async Task<string> CreateTopicAsync(string name)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, moto.Endpoint)
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["Action"] = "CreateTopic", ["Name"] = name, ["Version"] = "2010-03-31" }),
        };
        request.Headers.TryAddWithoutValidation("Authorization", "AWS4-HMAC-SHA256 Credential=AKIDMOTO/20260101/us-east-1/sns/aws4_request, SignedHeaders=host, Signature=0");
        using var answer = await http.SendAsync(request);
        var body = await answer.Content.ReadAsStringAsync();
        answer.StatusCode.ShouldBe(HttpStatusCode.OK, body);
        var start = body.IndexOf("<TopicArn>", StringComparison.Ordinal) + "<TopicArn>".Length;
        return body[start..body.IndexOf("</TopicArn>", StringComparison.Ordinal)];
    }
}
