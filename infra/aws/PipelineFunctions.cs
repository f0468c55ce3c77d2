using System.Globalization;
using Amazon.CDK;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.Lambda;
using Amazon.CDK.AWS.Logs;
using Amazon.CDK.AWS.SQS;
using Constructs;
using ImageLabelsLive.Aws.DynamoDb;
using LambdaFunction = Amazon.CDK.AWS.Lambda.Function;
using LambdaFunctionProps = Amazon.CDK.AWS.Lambda.FunctionProps;

namespace ImageLabelsLive.Infra;

/// <summary>What differs between the functions: name (= handler folder), memory and timeout.</summary>
internal sealed record FunctionSpec(string Name, int MemorySize, int TimeoutSeconds, string Description)
{
    public string Handler => $"ImageLabelsLive.Functions::ImageLabelsLive.Functions.{Name}.{Name}Function::HandleAsync";

    /// <summary>"Default" is reserved in construct ids (CDK drops it from paths), hence the suffix.</summary>
    public string ConstructId => Name + "Function";
}

internal sealed record PipelineFunctionsProps(
    Code Code,
    DataTables Tables,
    UploadBucket Uploads,
    Notifications Notifications,
    InfraSettings Settings);

/// <summary>
/// The .NET functions, all from one assembly, with the environment each one reads and the grants each one needs:
/// a function gets the actions it calls on the resources it touches, nothing wider.
/// </summary>
internal sealed class PipelineFunctions : Construct
{
    /// <summary>CDK 2.160 predates the dotnet10 constant; the runtime name is what Lambda knows.</summary>
    public static readonly Runtime Dotnet10 = new("dotnet10", RuntimeFamily.DOTNET_CORE);

    /// <summary>
    /// Graviton: about 20 % cheaper per GB-second than x86_64 and the managed .NET runtime supports it;
    /// the functions have no native dependencies that would tie them to x86.
    /// </summary>
    public static readonly Architecture Architecture = Architecture.ARM_64;

    public const int UploadUrlTtlSeconds = 300;
    public const int PushConcurrency = 32;

    // .NET cold starts shrink as memory (and with it CPU) grows; 512 MB is the floor for request paths.
    public static readonly FunctionSpec UploadUrlSpec = new("UploadUrl", 512, 10, "POST /uploads: validates and returns a presigned PUT");
    public static readonly FunctionSpec ListFeedImagesSpec = new("ListFeedImages", 512, 10, "GET /feeds/{feedId}/images");
    public static readonly FunctionSpec GetImageSpec = new("GetImage", 512, 10, "GET /images/{imageId}");
    public static readonly FunctionSpec ConnectSpec = new("Connect", 512, 10, "WebSocket $connect: stores the connection");
    public static readonly FunctionSpec DisconnectSpec = new("Disconnect", 512, 10, "WebSocket $disconnect: deletes the connection");
    public static readonly FunctionSpec DefaultSpec = new("DefaultRoute", 512, 10, "WebSocket $default: answers ping with pong, closes a client over its message limit");
    public static readonly FunctionSpec ProcessImageSpec = new("ProcessImage", 1024, 60, "S3 ObjectCreated: labels the image with Rekognition");
    public static readonly FunctionSpec PushResultsSpec = new("PushResults", 1024, 60, "Images stream: pushes records to the feed's connections");
    public static readonly FunctionSpec NotifyResultsSpec = new("NotifyResults", 512, 30, "Images stream: emails labeled/failed results through SNS");
    public static readonly FunctionSpec GetFeedLabelsSpec = new("GetFeedLabels", 512, 10, "GET /feeds/{feedId}/labels");
    public static readonly FunctionSpec ExportFeedSpec = new("ExportFeed", 1024, 120, "GET /feeds/{feedId}/export: writes the feed to exports/ and redirects to it");
    public static readonly FunctionSpec DeleteImageSpec = new("DeleteImage", 512, 10, "DELETE /feeds/{feedId}/images/{imageId}: deletes the bytes, leaves a tombstone");
    public static readonly FunctionSpec IndexFeedSpec = new("IndexFeed", 512, 60, "Images stream: keeps label members and counts, the change log and checksums");
    public static readonly FunctionSpec SubscribeToFeedSpec = new("SubscribeToFeed", 512, 10, "POST /feeds/{feedId}/subscriptions: subscribes an address to the feed's results");

    public static readonly IReadOnlyList<FunctionSpec> All =
    [
        UploadUrlSpec, ListFeedImagesSpec, GetImageSpec, ConnectSpec, DisconnectSpec, DefaultSpec,
        ProcessImageSpec, PushResultsSpec, NotifyResultsSpec,
        GetFeedLabelsSpec, ExportFeedSpec, DeleteImageSpec, IndexFeedSpec,
        SubscribeToFeedSpec,
    ];

    public PipelineFunctions(Construct scope, string id, PipelineFunctionsProps props)
        : base(scope, id)
    {
        ArgumentNullException.ThrowIfNull(props);
        code = props.Code;
        var images = props.Tables.Images;
        var connections = props.Tables.Connections;
        var bucket = props.Uploads.Bucket;
        var settings = props.Settings;
        var uploadObjects = bucket.ArnForObjects(UploadBucket.UploadsPrefix + "*");
        var exportObjects = bucket.ArnForObjects(UploadBucket.ExportsPrefix + "*");
        var feedIndex = props.Tables.FeedIndex;
        var imagesByFeed = DataTables.IndexArn(images, TableSchemas.ImagesFeedIndex);

        UploadUrl = Create(props.Code, UploadUrlSpec, new()
        {
            ["IMAGES_TABLE"] = images.TableName,
            ["UPLOAD_BUCKET"] = bucket.BucketName,
            ["UPLOAD_URL_TTL_SECONDS"] = Invariant(UploadUrlTtlSeconds),
        });
        Allow(UploadUrl, ["dynamodb:PutItem"], images.TableArn);
        // The presigned PUT runs with this role's permission, so this is what lets the browser upload.
        Allow(UploadUrl, ["s3:PutObject"], uploadObjects);
        // The duplicate check: the checksum's members in FeedIndex, their records, and a link to the one found.
        UploadUrl.AddEnvironment("FEED_INDEX_TABLE", feedIndex.TableName);
        Allow(UploadUrl, ["dynamodb:Query"], feedIndex.TableArn);
        Allow(UploadUrl, ["dynamodb:BatchGetItem"], images.TableArn);
        Allow(UploadUrl, ["s3:GetObject"], uploadObjects);

        // The records these return carry a presigned GET of the image (imageUrl), signed with the function's role.
        ListFeedImages = Create(props.Code, ListFeedImagesSpec, new()
        {
            ["IMAGES_TABLE"] = images.TableName,
            ["FEED_INDEX_TABLE"] = feedIndex.TableName,
            ["UPLOAD_BUCKET"] = bucket.BucketName,
        });
        Allow(ListFeedImages, ["dynamodb:Query"], imagesByFeed);
        // Label and changedSince pages: the members' keys from FeedIndex, then just those records.
        Allow(ListFeedImages, ["dynamodb:Query"], feedIndex.TableArn);
        Allow(ListFeedImages, ["dynamodb:BatchGetItem"], images.TableArn);
        Allow(ListFeedImages, ["s3:GetObject"], uploadObjects);

        GetFeedLabels = Create(props.Code, GetFeedLabelsSpec, new() { ["IMAGES_TABLE"] = images.TableName, ["FEED_INDEX_TABLE"] = feedIndex.TableName });
        Allow(GetFeedLabels, ["dynamodb:Query"], feedIndex.TableArn);

        // Pages through the feed index, writes the file under exports/ and presigns its GET (signed with this role).
        ExportFeed = Create(props.Code, ExportFeedSpec, new()
        {
            ["IMAGES_TABLE"] = images.TableName,
            ["FEED_INDEX_TABLE"] = feedIndex.TableName,
            ["UPLOAD_BUCKET"] = bucket.BucketName,
        });
        Allow(ExportFeed, ["dynamodb:Query"], imagesByFeed);
        Allow(ExportFeed, ["s3:PutObject", "s3:GetObject"], exportObjects);

        // Reads the record (is it this feed's?), deletes the bytes, writes the tombstone.
        DeleteImage = Create(props.Code, DeleteImageSpec, new() { ["IMAGES_TABLE"] = images.TableName, ["UPLOAD_BUCKET"] = bucket.BucketName });
        Allow(DeleteImage, ["dynamodb:GetItem", "dynamodb:UpdateItem"], images.TableArn);
        Allow(DeleteImage, ["s3:DeleteObject"], uploadObjects);

        // Reconciles each streamed image to its current record, then writes members, counts and the change log.
        IndexFeed = Create(props.Code, IndexFeedSpec, new() { ["IMAGES_TABLE"] = images.TableName, ["FEED_INDEX_TABLE"] = feedIndex.TableName });
        Allow(IndexFeed, ["dynamodb:GetItem"], images.TableArn);
        Allow(IndexFeed, ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem"], feedIndex.TableArn);

        GetImage = Create(props.Code, GetImageSpec, new() { ["IMAGES_TABLE"] = images.TableName, ["UPLOAD_BUCKET"] = bucket.BucketName });
        Allow(GetImage, ["dynamodb:GetItem"], images.TableArn);
        Allow(GetImage, ["s3:GetObject"], uploadObjects);

        Connect = Create(props.Code, ConnectSpec, new() { ["CONNECTIONS_TABLE"] = connections.TableName });
        Allow(Connect, ["dynamodb:PutItem"], connections.TableArn);

        Disconnect = Create(props.Code, DisconnectSpec, new() { ["CONNECTIONS_TABLE"] = connections.TableName });
        Allow(Disconnect, ["dynamodb:DeleteItem"], connections.TableArn);

        // The pong travels back as the route response. The per-connection message count lives on the connection's
        // item; a client over the limit is sent an error and closed through the management API (granted by the stack).
        Default = Create(props.Code, DefaultSpec, new() { ["CONNECTIONS_TABLE"] = connections.TableName });
        Allow(Default, ["dynamodb:UpdateItem"], connections.TableArn);

        ProcessImageFailures = new Queue(this, "ProcessImageFailures", DeadLetterQueueProps());
        ProcessImage = Create(
            props.Code,
            ProcessImageSpec,
            new Dictionary<string, string>
            {
                ["IMAGES_TABLE"] = images.TableName,
                ["UPLOAD_BUCKET"] = bucket.BucketName,
                ["MIN_CONFIDENCE"] = Invariant(settings.MinConfidence),
                ["MAX_LABELS"] = Invariant(settings.MaxLabels),
            }.Concat(AnalysisSwitches(settings)).ToDictionary(),
            ProcessImageFailures);
        Allow(ProcessImage, ["dynamodb:GetItem", "dynamodb:UpdateItem"], images.TableArn);
        // Read for the magic-byte check, and for Rekognition, which fetches the S3Object with the caller's rights.
        Allow(ProcessImage, ["s3:GetObject"], uploadObjects);
        AllowAnalyses(ProcessImage, settings);

        PushResults = Create(props.Code, PushResultsSpec, new()
        {
            ["CONNECTIONS_TABLE"] = connections.TableName,
            ["UPLOAD_BUCKET"] = bucket.BucketName,
            ["PUSH_CONCURRENCY"] = Invariant(PushConcurrency),
        });
        Allow(PushResults, ["dynamodb:Query"], DataTables.IndexArn(connections, TableSchemas.ConnectionsFeedIndex));
        Allow(PushResults, ["dynamodb:DeleteItem"], connections.TableArn);
        Allow(PushResults, ["s3:GetObject"], uploadObjects);

        var topic = props.Notifications.Topic;
        NotifyResults = Create(props.Code, NotifyResultsSpec, new()
        {
            ["IMAGES_TABLE"] = images.TableName,
            ["TOPIC_ARN"] = topic.TopicArn,
        });
        // A conditional update claims each image's one email (and releases the claim if publishing fails),
        // so a retried stream batch never sends twice.
        // GetItem: a refused claim is either sent (done) or held by a delivery that died (retry after its lease).
        Allow(NotifyResults, ["dynamodb:UpdateItem", "dynamodb:GetItem"], images.TableArn);
        topic.GrantPublish(NotifyResults);
        // SNS encrypts a published message with the topic's key on the publisher's behalf.
        props.Notifications.Key.Grant(NotifyResults, "kms:Decrypt", "kms:GenerateDataKey*");

        var requests = props.Tables.SubscriptionRequests;
        SubscribeToFeed = Create(props.Code, SubscribeToFeedSpec, new()
        {
            ["SUBSCRIPTION_REQUESTS_TABLE"] = requests.TableName,
            ["TOPIC_ARN"] = topic.TopicArn,
        });
        // The flood limit's conditional counters, and Subscribe on the results topic alone (SNS sends the confirmation).
        Allow(SubscribeToFeed, ["dynamodb:UpdateItem"], requests.TableArn);
        Allow(SubscribeToFeed, ["sns:Subscribe"], topic.TopicArn);
    }

    private readonly Code code;

    public LambdaFunction UploadUrl { get; }

    public LambdaFunction ListFeedImages { get; }

    public LambdaFunction GetImage { get; }

    public LambdaFunction Connect { get; }

    public LambdaFunction Disconnect { get; }

    public LambdaFunction Default { get; }

    public LambdaFunction ProcessImage { get; }

    public LambdaFunction PushResults { get; }

    public LambdaFunction NotifyResults { get; }

    public LambdaFunction GetFeedLabels { get; }

    public LambdaFunction ExportFeed { get; }

    public LambdaFunction DeleteImage { get; }

    public LambdaFunction IndexFeed { get; }
    public LambdaFunction SubscribeToFeed { get; }

    /// <summary>Where S3 events that ProcessImage failed on, after Lambda's own retries, are kept.</summary>
    public Queue ProcessImageFailures { get; }

    public IEnumerable<(FunctionSpec Spec, LambdaFunction Function)> Each() =>
    [
        (UploadUrlSpec, UploadUrl), (ListFeedImagesSpec, ListFeedImages), (GetImageSpec, GetImage),
        (ConnectSpec, Connect), (DisconnectSpec, Disconnect), (DefaultSpec, Default),
        (ProcessImageSpec, ProcessImage), (PushResultsSpec, PushResults), (NotifyResultsSpec, NotifyResults),
        (GetFeedLabelsSpec, GetFeedLabels), (ExportFeedSpec, ExportFeed), (DeleteImageSpec, DeleteImage), (IndexFeedSpec, IndexFeed),
        (SubscribeToFeedSpec, SubscribeToFeed),
    ];

    /// <summary>Encrypted, TLS-only, and kept for SQS's maximum so a failure can be looked at days later.</summary>
    public static QueueProps DeadLetterQueueProps() => new()
    {
        Encryption = QueueEncryption.SQS_MANAGED,
        EnforceSSL = true,
        RetentionPeriod = Duration.Days(14),
    };

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Switch(bool on) => on ? "true" : "false";

    /// <summary>The ANALYZE_* settings of whatever runs ProcessImage's use case (ProcessImage, and the sweeper's re-drive).</summary>
    internal static Dictionary<string, string> AnalysisSwitches(InfraSettings settings) => new()
    {
        ["ANALYZE_LABELS"] = Switch(settings.AnalyzeLabels),
        ["ANALYZE_FACES"] = Switch(settings.AnalyzeFaces),
        ["ANALYZE_TEXT"] = Switch(settings.AnalyzeText),
        ["ANALYZE_MODERATION"] = Switch(settings.AnalyzeModeration),
        ["ANALYZE_IMAGE_PROPERTIES"] = Switch(settings.AnalyzeImageProperties),
    };

    /// <summary>
    /// Rekognition's image analyses have no resource-level permissions: their only resource is "*". Each action is
    /// granted only while its analysis is switched on (labels and image properties share DetectLabels).
    /// </summary>
    internal static void AllowAnalyses(LambdaFunction function, InfraSettings settings)
    {
        var actions = new List<string>();
        if (settings.AnalyzeLabels || settings.AnalyzeImageProperties)
        {
            actions.Add("rekognition:DetectLabels");
        }
        if (settings.AnalyzeFaces)
        {
            actions.Add("rekognition:DetectFaces");
        }
        if (settings.AnalyzeText)
        {
            actions.Add("rekognition:DetectText");
        }
        if (settings.AnalyzeModeration)
        {
            actions.Add("rekognition:DetectModerationLabels");
        }
        foreach (var action in actions)
        {
            Allow(function, [action], "*");
        }
    }

    internal static void Allow(LambdaFunction function, string[] actions, string resource) =>
        function.AddToRolePolicy(new PolicyStatement(new PolicyStatementProps
        {
            Effect = Effect.ALLOW,
            Actions = actions,
            Resources = [resource],
        }));

    /// <summary>A function from the same code and defaults as the nine, for constructs that add one (PushShard).</summary>
    internal LambdaFunction Create(FunctionSpec spec, Dictionary<string, string> environment, IQueue? deadLetterQueue = null) =>
        Create(code, spec, environment, deadLetterQueue);

    private LambdaFunction Create(Code code, FunctionSpec spec, Dictionary<string, string> environment, IQueue? deadLetterQueue = null)
    {
        var logGroup = new LogGroup(this, spec.ConstructId + "Logs", new LogGroupProps
        {
            Retention = RetentionDays.TWO_WEEKS,
            RemovalPolicy = RemovalPolicy.DESTROY,
        });
        return new LambdaFunction(this, spec.ConstructId, new LambdaFunctionProps
        {
            Runtime = Dotnet10,
            Architecture = Architecture,
            Code = code,
            Handler = spec.Handler,
            Description = spec.Description,
            MemorySize = spec.MemorySize,
            Timeout = Duration.Seconds(spec.TimeoutSeconds),
            Environment = environment,
            LogGroup = logGroup,
            // ProcessImage (by S3) and PushShard (by SNS) are invoked asynchronously: two retries, then the event waits in its queue.
            DeadLetterQueue = deadLetterQueue,
            RetryAttempts = deadLetterQueue is null ? null : 2,
            MaxEventAge = deadLetterQueue is null ? null : Duration.Hours(6),
        });
    }
}
