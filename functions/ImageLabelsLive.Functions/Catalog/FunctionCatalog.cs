using ImageLabelsLive.Aws.Configuration;
using ImageLabelsLive.Functions.Connect;
using ImageLabelsLive.Functions.DefaultRoute;
using ImageLabelsLive.Functions.DeleteImage;
using ImageLabelsLive.Functions.Disconnect;
using ImageLabelsLive.Functions.ExportFeed;
using ImageLabelsLive.Functions.GetFeedLabels;
using ImageLabelsLive.Functions.GetImage;
using ImageLabelsLive.Functions.IndexFeed;
using ImageLabelsLive.Functions.ListFeedImages;
using ImageLabelsLive.Functions.NotifyResults;
using ImageLabelsLive.Functions.ProcessImage;
using ImageLabelsLive.Functions.PushResults;
using ImageLabelsLive.Functions.PushShard;
using ImageLabelsLive.Functions.SubscribeToFeed;
using ImageLabelsLive.Functions.SweepStaleImages;
using ImageLabelsLive.Functions.UploadUrl;
using static ImageLabelsLive.Functions.Catalog.CloudResource;

namespace ImageLabelsLive.Functions.Catalog;

/// <summary>
/// Every function of the app, written once: the CDK app (infra/aws), the local host and the tests all read this list.
/// Adding a function is a folder under ImageLabelsLive.Functions and an entry here.
/// </summary>
public static class FunctionCatalog
{
    /// <summary>Where uploads land; only keys under it are processed.</summary>
    public const string UploadsPrefix = "uploads/";

    // .NET cold starts shrink as memory (and with it CPU) grows; 512 MB is the floor for request paths.
    public static readonly FunctionDefinition UploadUrl = FunctionDefinition.Of<UploadUrlFunction>(
        "POST /uploads: validates and returns a presigned PUT", 512, 10,
        new HttpRoute("POST", "/uploads"),
        [SettingNames.ImagesTable, SettingNames.UploadBucket, SettingNames.UploadUrlTtlSeconds, SettingNames.FeedIndexTable],
        [
            new(ImagesTable, "dynamodb:PutItem"),
            // The presigned PUT runs with this role's permission, so this is what lets the browser upload.
            new(UploadObjects, "s3:PutObject"),
            // The duplicate check: the checksum's members in FeedIndex, their records, and a link to the one found.
            new(FeedIndexTable, "dynamodb:Query"),
            new(ImagesTable, "dynamodb:BatchGetItem"),
            new(UploadObjects, "s3:GetObject"),
        ]);

    // The records these return carry a presigned GET of the image (imageUrl), signed with the function's role.
    public static readonly FunctionDefinition ListFeedImages = FunctionDefinition.Of<ListFeedImagesFunction>(
        "GET /feeds/{feedId}/images", 512, 10,
        new HttpRoute("GET", "/feeds/{feedId}/images"),
        [SettingNames.ImagesTable, SettingNames.FeedIndexTable, SettingNames.UploadBucket],
        [
            new(ImagesByFeedIndex, "dynamodb:Query"),
            // Label and changedSince pages: the members' keys from FeedIndex, then just those records.
            new(FeedIndexTable, "dynamodb:Query"),
            new(ImagesTable, "dynamodb:BatchGetItem"),
            new(UploadObjects, "s3:GetObject"),
        ]);

    public static readonly FunctionDefinition GetImage = FunctionDefinition.Of<GetImageFunction>(
        "GET /images/{imageId}", 512, 10,
        new HttpRoute("GET", "/images/{imageId}"),
        [SettingNames.ImagesTable, SettingNames.UploadBucket],
        [new(ImagesTable, "dynamodb:GetItem"), new(UploadObjects, "s3:GetObject")]);

    public static readonly FunctionDefinition GetFeedLabels = FunctionDefinition.Of<GetFeedLabelsFunction>(
        "GET /feeds/{feedId}/labels", 512, 10,
        new HttpRoute("GET", "/feeds/{feedId}/labels"),
        [SettingNames.ImagesTable, SettingNames.FeedIndexTable],
        [new(FeedIndexTable, "dynamodb:Query")]);

    // Pages through the feed, writes the file under exports/ and presigns its GET (signed with this role).
    public static readonly FunctionDefinition ExportFeed = FunctionDefinition.Of<ExportFeedFunction>(
        "GET /feeds/{feedId}/export: writes the feed to exports/ and redirects to it", 1024, 120,
        new HttpRoute("GET", "/feeds/{feedId}/export"),
        [SettingNames.ImagesTable, SettingNames.FeedIndexTable, SettingNames.UploadBucket],
        [new(ImagesByFeedIndex, "dynamodb:Query"), new(ExportObjects, "s3:PutObject", "s3:GetObject")]);

    // Reads the record (is it this feed's?), deletes the bytes, writes the tombstone.
    public static readonly FunctionDefinition DeleteImage = FunctionDefinition.Of<DeleteImageFunction>(
        "DELETE /feeds/{feedId}/images/{imageId}: deletes the bytes, leaves a tombstone", 512, 10,
        new HttpRoute("DELETE", "/feeds/{feedId}/images/{imageId}"),
        [SettingNames.ImagesTable, SettingNames.UploadBucket],
        [new(ImagesTable, "dynamodb:GetItem", "dynamodb:UpdateItem"), new(UploadObjects, "s3:DeleteObject")]);

    // The flood limit's conditional counters, and Subscribe on the results topic alone (SNS sends the confirmation).
    public static readonly FunctionDefinition SubscribeToFeed = FunctionDefinition.Of<SubscribeToFeedFunction>(
        "POST /feeds/{feedId}/subscriptions: subscribes an address to the feed's results", 512, 10,
        new HttpRoute("POST", "/feeds/{feedId}/subscriptions"),
        [SettingNames.SubscriptionRequestsTable, SettingNames.TopicArn],
        [new(SubscriptionRequestsTable, "dynamodb:UpdateItem"), new(ResultsTopic, "sns:Subscribe")]);

    public static readonly FunctionDefinition Connect = FunctionDefinition.Of<ConnectFunction>(
        "WebSocket $connect: stores the connection", 512, 10,
        new WebSocketRoute(WebSocketRoute.Connect),
        [SettingNames.ConnectionsTable],
        [new(ConnectionsTable, "dynamodb:PutItem")]);

    public static readonly FunctionDefinition Disconnect = FunctionDefinition.Of<DisconnectFunction>(
        "WebSocket $disconnect: deletes the connection", 512, 10,
        new WebSocketRoute(WebSocketRoute.Disconnect),
        [SettingNames.ConnectionsTable],
        [new(ConnectionsTable, "dynamodb:DeleteItem")]);

    // The pong travels back as the route response. The per-connection message count lives on the connection's
    // item; a client over the limit is sent an error and closed through the management API.
    public static readonly FunctionDefinition DefaultRoute = FunctionDefinition.Of<DefaultRouteFunction>(
        "WebSocket $default: answers ping with pong, closes a client over its message limit", 512, 10,
        new WebSocketRoute(WebSocketRoute.Default, TwoWay: true),
        [SettingNames.ConnectionsTable, SettingNames.ConnectionsEndpoint],
        [
            new(ConnectionsTable, "dynamodb:UpdateItem"),
            new(PostToConnections, "execute-api:ManageConnections"),
            new(CloseConnections, "execute-api:ManageConnections"),
        ]);

    public static readonly FunctionDefinition ProcessImage = FunctionDefinition.Of<ProcessImageFunction>(
        "S3 ObjectCreated: labels the image with Rekognition", 1024, 60,
        new S3ObjectCreated(UploadsPrefix),
        [SettingNames.ImagesTable, SettingNames.UploadBucket, SettingNames.MinConfidence, SettingNames.MaxLabels, .. SettingNames.Analyses],
        [
            new(ImagesTable, "dynamodb:GetItem", "dynamodb:UpdateItem"),
            // Read for the magic-byte check, and for Rekognition, which fetches the S3Object with the caller's rights.
            new(UploadObjects, "s3:GetObject"),
            new(ImageAnalyses, AnalysisActions),
        ]);

    // Pushes are live updates: a tab that missed one catches up through GET /feeds/{feedId}/images, so records are
    // retried briefly and in parallel (per-key order holds with a parallelization factor).
    public static readonly FunctionDefinition PushResults = FunctionDefinition.Of<PushResultsFunction>(
        "Images stream: pushes records to the feed's connections", 1024, 60,
        new ImagesStreamMapping(BatchSize: 50, RetryAttempts: 3, MaxRecordAge: TimeSpan.FromMinutes(15)) { ParallelizationFactor = 4 },
        [
            SettingNames.ConnectionsTable, SettingNames.UploadBucket, SettingNames.ConnectionsEndpoint, SettingNames.PushConcurrency,
            SettingNames.PushShardTopicArn, SettingNames.PushShardSize,
        ],
        [
            new(ConnectionsByFeedIndex, "dynamodb:Query"),
            new(ConnectionsTable, "dynamodb:DeleteItem"),
            new(UploadObjects, "s3:GetObject"),
            new(PostToConnections, "execute-api:ManageConnections"),
            // A big feed's connections go out in shards, one PushShard invocation each.
            new(PushShardTopic, "sns:Publish"),
        ]);

    public static readonly FunctionDefinition PushShard = FunctionDefinition.Of<PushShardFunction>(
        "Push-shard topic: posts one shard of a big feed's connections", 1024, 60,
        new TopicMessages(PushShardTopic),
        [SettingNames.ConnectionsTable, SettingNames.ConnectionsEndpoint, SettingNames.PushConcurrency],
        // Gone connections are deleted, as PushResults deletes them.
        [new(ConnectionsTable, "dynamodb:DeleteItem"), new(PostToConnections, "execute-api:ManageConnections")]);

    // An email is still worth sending hours late, so the notifier retries longer. A conditional update claims each
    // image's one email (GetItem: a refused claim is either sent or held by a delivery that died), so a retried batch
    // never sends twice.
    public static readonly FunctionDefinition NotifyResults = FunctionDefinition.Of<NotifyResultsFunction>(
        "Images stream: emails labeled/failed results through SNS", 512, 30,
        new ImagesStreamMapping(BatchSize: 10, RetryAttempts: 5, MaxRecordAge: TimeSpan.FromHours(6)) { FinalTransitionsOnly = true },
        [SettingNames.ImagesTable, SettingNames.TopicArn, SettingNames.SiteUrl],
        [new(ImagesTable, "dynamodb:UpdateItem", "dynamodb:GetItem"), new(ResultsTopic, "sns:Publish")]);

    // Counts are only as right as this consumer is complete, so it retries long. It reconciles each streamed image
    // to its current record, then writes members, counts and the change log.
    public static readonly FunctionDefinition IndexFeed = FunctionDefinition.Of<IndexFeedFunction>(
        "Images stream: keeps label members and counts, the change log and checksums", 512, 60,
        new ImagesStreamMapping(BatchSize: 100, RetryAttempts: 10, MaxRecordAge: TimeSpan.FromHours(24)),
        [SettingNames.ImagesTable, SettingNames.FeedIndexTable],
        [
            new(ImagesTable, "dynamodb:GetItem"),
            new(FeedIndexTable, "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem"),
        ]);

    // Fails uploads whose bytes never arrived, re-drives then fails images stuck before a result (an upload whose bytes
    // arrived but whose ObjectCreated event never ran included: it asks the bucket, so it may list it). One sweep at a time:
    // overlapping sweeps would be harmless (every write is conditional) but wasteful.
    public static readonly FunctionDefinition SweepStaleImages = FunctionDefinition.Of<SweepStaleImagesFunction>(
        "Every 5 minutes: fails unfinished uploads, re-drives then fails images stuck in processing", 1024, 300,
        new ScheduledRun(TimeSpan.FromMinutes(5)),
        [
            SettingNames.ImagesTable, SettingNames.UploadBucket, SettingNames.UploadUrlTtlSeconds, SettingNames.ProcessorTimeoutSeconds,
            SettingNames.SweepGraceSeconds, SettingNames.MinConfidence, SettingNames.MaxLabels, .. SettingNames.Analyses,
        ],
        [
            new(ImagesUnfinishedIndex, "dynamodb:Query"),
            new(ImagesTable, "dynamodb:GetItem", "dynamodb:UpdateItem"),
            // A re-drive runs ProcessImage's use case: the magic-byte read and every analysis.
            new(UploadObjects, "s3:GetObject"),
            // Did an upload's bytes arrive? A HEAD answers 404 for a missing key only to a caller that may list the bucket.
            new(UploadBucket, "s3:ListBucket"),
            new(ImageAnalyses, AnalysisActions),
        ]) with { ReservedConcurrency = 1 };

    public static IReadOnlyList<FunctionDefinition> All { get; } =
    [
        UploadUrl, ListFeedImages, GetImage, GetFeedLabels, ExportFeed, DeleteImage, SubscribeToFeed,
        Connect, Disconnect, DefaultRoute,
        ProcessImage, PushResults, PushShard, NotifyResults, IndexFeed, SweepStaleImages,
    ];

    /// <summary>The function named <paramref name="name"/>, or an error that lists the names there are.</summary>
    public static FunctionDefinition Named(string name) =>
        All.FirstOrDefault(function => function.Name == name)
        ?? throw new ArgumentException($"No function is named '{name}'; the catalog has {string.Join(", ", All.Select(f => f.Name))}.", nameof(name));

    /// <summary>Each function a trigger of this kind invokes, with its trigger.</summary>
    public static IEnumerable<(FunctionDefinition Function, TTrigger Trigger)> TriggeredBy<TTrigger>()
        where TTrigger : FunctionTrigger =>
        All.Where(function => function.Trigger is TTrigger).Select(function => (function, (TTrigger)function.Trigger));

    /// <summary>The function behind a WebSocket route key ($connect, $disconnect, $default).</summary>
    public static FunctionDefinition ForWebSocketRoute(string routeKey) =>
        TriggeredBy<WebSocketRoute>().Single(entry => entry.Trigger.RouteKey == routeKey).Function;

    private static string[] AnalysisActions =>
        ["rekognition:DetectLabels", "rekognition:DetectFaces", "rekognition:DetectText", "rekognition:DetectModerationLabels"];
}
