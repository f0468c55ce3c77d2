using ImageLabelsLive.Core.Analysis;
using Amazon.ApiGatewayManagementApi;
using Amazon.DynamoDBv2;
using Amazon.Rekognition;
using Amazon.S3;
using Amazon.SimpleNotificationService;
using ImageLabelsLive.Aws.Configuration;
using ImageLabelsLive.Aws.Detection;
using ImageLabelsLive.Aws.DynamoDb;
using ImageLabelsLive.Aws.Messaging;
using ImageLabelsLive.Aws.Notifications;
using ImageLabelsLive.Aws.S3;
using ImageLabelsLive.Aws.FeedIndex;
using ImageLabelsLive.Core.Connections;
using ImageLabelsLive.Core.Deletion;
using ImageLabelsLive.Core.Export;
using ImageLabelsLive.Core.FeedIndexing;
using ImageLabelsLive.Core.FeedLabels;
using ImageLabelsLive.Core.Feeds;
using ImageLabelsLive.Core.Images;
using ImageLabelsLive.Core.Notifications;
using ImageLabelsLive.Core.Processing;
using ImageLabelsLive.Core.PushResults;
using ImageLabelsLive.Core.Sweeping;
using ImageLabelsLive.Core.PushShards;
using ImageLabelsLive.Core.Subscriptions;
using ImageLabelsLive.Core.Uploads;

namespace ImageLabelsLive.Functions.Hosting;

/// <summary>
/// What one Lambda container builds once and reuses across invocations: settings and AWS clients
/// (with their pooled connections). Each function asks only for the handler it runs, so a container
/// creates only the clients that function uses.
/// </summary>
public sealed class FunctionContainer(FunctionSettings settings)
{
    private static readonly Lazy<FunctionContainer> Shared = new(() => new FunctionContainer(FunctionSettings.FromEnvironment()));

    private readonly Lazy<IAmazonDynamoDB> dynamoDb = new(() => AwsClientFactory.CreateDynamoDb(settings));
    private readonly Lazy<IAmazonS3> s3 = new(() => AwsClientFactory.CreateS3(settings));

    public static FunctionContainer Instance => Shared.Value;

    public FunctionSettings Settings => settings;

    public TimeProvider Clock { get; } = TimeProvider.System;

    public DynamoDbImageStore Images => new(dynamoDb.Value, FunctionSettings.Require(settings.ImagesTable, "IMAGES_TABLE"), settings.NotificationClaimLease);

    public DynamoDbConnectionStore Connections => new(dynamoDb.Value, FunctionSettings.Require(settings.ConnectionsTable, "CONNECTIONS_TABLE"), Clock);

    public S3UploadedObjects UploadedObjects => new(s3.Value, FunctionSettings.Require(settings.UploadBucket, "UPLOAD_BUCKET"));

    /// <summary>Presigned GETs of stored images, for the records the API returns and pushes.</summary>
    public ImageLinks ImageLinks => new(UploadedObjects, Clock, ImageLinks.DefaultLifetime);

    public CreateUploadHandler CreateUpload() => new(Images, UploadedObjects, Clock, settings.UploadUrlLifetime, FeedQueries, ImageLinks);

    /// <summary>The feed's pages, labels, changes and checksums: the Images table's feed index and the FeedIndex table.</summary>
    public DynamoDbFeedQueries FeedQueries => new(
        dynamoDb.Value, FunctionSettings.Require(settings.ImagesTable, "IMAGES_TABLE"), FunctionSettings.Require(settings.FeedIndexTable, "FEED_INDEX_TABLE"));

    public ListFeedImagesHandler ListFeedImages() => new(FeedQueries, ImageLinks);

    public GetFeedLabelsHandler GetFeedLabels() => new(FeedQueries);

    public ExportFeedHandler ExportFeed() => new(FeedQueries, UploadedObjects, Clock);

    public DeleteImageHandler DeleteImage() => new(Images, UploadedObjects, Clock);

    public IndexFeedHandler IndexFeed() => new(Images, new DynamoDbFeedIndex(dynamoDb.Value, FunctionSettings.Require(settings.FeedIndexTable, "FEED_INDEX_TABLE")));

    public GetImageHandler GetImage() => new(Images, ImageLinks);

    public ConnectHandler Connect() => new(Connections, Clock);

    public DisconnectHandler Disconnect() => new(Connections);

    public DefaultRouteHandler DefaultRoute() => new(
        new DynamoDbConnectionMessageCounter(dynamoDb.Value, FunctionSettings.Require(settings.ConnectionsTable, "CONNECTIONS_TABLE")),
        new ApiGatewayConnectionMessenger(AwsClientFactory.CreateManagementApi(settings)),
        Clock);

    public ProcessUploadHandler ProcessUpload() => new(
        Images,
        UploadedObjects,
        new ImageAnalysis(
            new RekognitionImageAnalyzer(AwsClientFactory.CreateRekognition(settings), settings.MaxLabels, settings.MinConfidence, settings.DetectorRetryPatience),
            settings.Analyses),
        Clock);

    public SweepStaleImagesHandler SweepStaleImages() => new(
        new DynamoDbStaleImages(dynamoDb.Value, FunctionSettings.Require(settings.ImagesTable, "IMAGES_TABLE")),
        Images,
        new ProcessUploadRedrive(ProcessUpload(), UploadedObjects, FunctionSettings.Require(settings.UploadBucket, "UPLOAD_BUCKET")),
        new SweepSettings(settings.UploadUrlLifetime, settings.ProcessorTimeout, settings.SweepGrace),
        Clock);

    public PushResultsHandler PushResults() => new(
        Connections,
        new ApiGatewayConnectionMessenger(AwsClientFactory.CreateManagementApi(settings)),
        settings.PushConcurrency,
        ImageLinks,
        settings.PushShardTopicArn is { } shardTopic ? new SnsPushShardDispatcher(AwsClientFactory.CreateSns(settings), shardTopic) : null,
        new PushShardPlan(settings.PushShardSize));

    public PushShardHandler PushShard() => new(
        Connections,
        new ApiGatewayConnectionMessenger(AwsClientFactory.CreateManagementApi(settings)),
        settings.PushConcurrency);

    public NotifyResultHandler NotifyResult() => new(
        Images,
        new SnsNotificationPublisher(AwsClientFactory.CreateSns(settings), FunctionSettings.Require(settings.TopicArn, "TOPIC_ARN")),
        FunctionSettings.Require(settings.SiteUrl, "SITE_URL"),
        Clock);

    public SubscribeToFeedHandler SubscribeToFeed() => new(
        new DynamoDbSubscriptionRequestCounter(dynamoDb.Value, FunctionSettings.Require(settings.SubscriptionRequestsTable, "SUBSCRIPTION_REQUESTS_TABLE")),
        new SnsFeedSubscriber(AwsClientFactory.CreateSns(settings), FunctionSettings.Require(settings.TopicArn, "TOPIC_ARN")),
        Clock);
}
