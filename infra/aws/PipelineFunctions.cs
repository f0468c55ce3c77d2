using System.Globalization;
using Amazon.CDK;
using Amazon.CDK.AWS.DynamoDB;
using Amazon.CDK.AWS.Events;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.Lambda;
using Amazon.CDK.AWS.Lambda.EventSources;
using Amazon.CDK.AWS.Logs;
using Amazon.CDK.AWS.S3;
using Amazon.CDK.AWS.S3.Notifications;
using Amazon.CDK.AWS.SNS.Subscriptions;
using Amazon.CDK.AWS.SQS;
using Constructs;
using ImageLabelsLive.Aws.Configuration;
using ImageLabelsLive.Aws.DynamoDb;
using ImageLabelsLive.Functions.Catalog;
using LambdaFunction = Amazon.CDK.AWS.Lambda.Function;
using LambdaFunctionProps = Amazon.CDK.AWS.Lambda.FunctionProps;
using LambdaTarget = Amazon.CDK.AWS.Events.Targets.LambdaFunction;
using Schedule = Amazon.CDK.AWS.Events.Schedule;

namespace ImageLabelsLive.Infra;

internal sealed record PipelineFunctionsProps(
    Code Code,
    DataTables Tables,
    UploadBucket Uploads,
    Notifications Notifications,
    PushShards PushShards,
    HttpApi HttpApi,
    WebSocketApi WebSocket,
    Website Website,
    InfraSettings Settings);

/// <summary>
/// Every function of <see cref="FunctionCatalog"/>, all from one assembly: its environment and role resolved from the
/// catalog's settings and access (a function gets the actions it calls on the resources it touches, nothing wider),
/// its trigger wired, and a dead-letter queue wherever Lambda or a stream mapping gives up on an event.
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

    /// <summary>Added to the upload URL's lifetime and ProcessImage's timeout before the sweeper counts a record as stuck.</summary>
    public const int SweepGraceSeconds = 300;

    private readonly PipelineFunctionsProps props;
    private readonly Dictionary<string, LambdaFunction> functions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Queue> deadLetterQueues = new(StringComparer.Ordinal);

    public PipelineFunctions(Construct scope, string id, PipelineFunctionsProps props)
        : base(scope, id)
    {
        ArgumentNullException.ThrowIfNull(props);
        this.props = props;
        foreach (var definition in FunctionCatalog.All)
        {
            var function = Create(definition);
            foreach (var access in definition.Access)
            {
                Grant(function, access);
            }
            Wire(definition, function);
            functions.Add(definition.Name, function);
        }
    }

    /// <summary>The Lambda function built from <paramref name="definition"/>.</summary>
    public LambdaFunction this[FunctionDefinition definition] => functions[definition.Name];

    /// <summary>Each function with its name, for alarms.</summary>
    public IEnumerable<KeyValuePair<string, LambdaFunction>> Functions => functions;

    /// <summary>Where the events each function gave up on are kept, by function name.</summary>
    public IReadOnlyDictionary<string, Queue> DeadLetterQueues => deadLetterQueues;

    /// <summary>Encrypted, TLS-only, and kept for SQS's maximum so a failure can be looked at days later.</summary>
    public static QueueProps DeadLetterQueueProps() => new()
    {
        Encryption = QueueEncryption.SQS_MANAGED,
        EnforceSSL = true,
        RetentionPeriod = Duration.Days(14),
    };

    /// <summary>Only transitions into a final status: the notifier is not even invoked for anything else.</summary>
    public static IDictionary<string, object> FinalTransitionsFilter() => FilterCriteria.Filter(new Dictionary<string, object>
    {
        ["dynamodb"] = new Dictionary<string, object>
        {
            ["NewImage"] = new Dictionary<string, object>
            {
                ["status"] = new Dictionary<string, object> { ["S"] = FilterRule.Or("labeled", "failed") },
            },
            ["OldImage"] = new Dictionary<string, object>
            {
                ["status"] = new Dictionary<string, object> { ["S"] = FilterRule.Or("uploading", "processing") },
            },
        },
    });

    private LambdaFunction Create(FunctionDefinition definition)
    {
        var constructId = ConstructId(definition);
        var logGroup = new LogGroup(this, constructId + "Logs", new LogGroupProps
        {
            Retention = RetentionDays.TWO_WEEKS,
            RemovalPolicy = RemovalPolicy.DESTROY,
        });
        // Invoked asynchronously (S3, SNS): two retries, then the event waits in the function's queue.
        var deadLetterQueue = definition.Trigger.IsAsynchronous ? DeadLetterQueue(definition) : null;
        return new LambdaFunction(this, constructId, new LambdaFunctionProps
        {
            Runtime = Dotnet10,
            Architecture = Architecture,
            Code = props.Code,
            Handler = definition.Handler,
            Description = definition.Description,
            MemorySize = definition.MemorySize,
            Timeout = Duration.Seconds(definition.TimeoutSeconds),
            ReservedConcurrentExecutions = definition.ReservedConcurrency,
            Environment = definition.Settings.ToDictionary(name => name, SettingValue),
            LogGroup = logGroup,
            DeadLetterQueue = deadLetterQueue,
            RetryAttempts = deadLetterQueue is null ? null : 2,
            MaxEventAge = deadLetterQueue is null ? null : Duration.Hours(6),
        });
    }

    /// <summary>"Default" is reserved in construct ids (CDK drops it from paths), hence the suffix.</summary>
    private static string ConstructId(FunctionDefinition definition) => definition.Name + "Function";

    private Queue DeadLetterQueue(FunctionDefinition definition)
    {
        var queue = new Queue(this, definition.Name + "Failures", DeadLetterQueueProps());
        deadLetterQueues.Add(definition.Name, queue);
        return queue;
    }

    private void Wire(FunctionDefinition definition, LambdaFunction function)
    {
        switch (definition.Trigger)
        {
            case HttpRoute route:
                props.HttpApi.AddRoute(definition.Name, route, function);
                break;
            case WebSocketRoute route:
                props.WebSocket.AddRoute(definition.Name, route, function);
                break;
            case S3ObjectCreated created:
                props.Uploads.Bucket.AddEventNotification(
                    EventType.OBJECT_CREATED,
                    new LambdaDestination(function),
                    new NotificationKeyFilter { Prefix = created.Prefix });
                break;
            case ImagesStreamMapping mapping:
                function.AddEventSource(new DynamoEventSource(props.Tables.Images, new DynamoEventSourceProps
                {
                    StartingPosition = StartingPosition.TRIM_HORIZON,
                    BatchSize = mapping.BatchSize,
                    ParallelizationFactor = mapping.ParallelizationFactor > 1 ? mapping.ParallelizationFactor : null,
                    BisectBatchOnError = true,
                    ReportBatchItemFailures = true,
                    RetryAttempts = mapping.RetryAttempts,
                    MaxRecordAge = Duration.Seconds(mapping.MaxRecordAge.TotalSeconds),
                    OnFailure = new SqsDlq(DeadLetterQueue(definition)),
                    Filters = mapping.FinalTransitionsOnly ? [FinalTransitionsFilter()] : null,
                }));
                break;
            case TopicMessages messages:
                Topic(messages.Topic).AddSubscription(new LambdaSubscription(function));
                break;
            case ScheduledRun run:
                _ = new Rule(this, definition.Name + "Schedule", new RuleProps
                {
                    Description = "Runs " + definition.Name,
                    Schedule = Schedule.Rate(Duration.Minutes(run.Interval.TotalMinutes)),
                    Targets = [new LambdaTarget(function)],
                });
                break;
            default:
                throw new NotSupportedException($"{definition.Name}: the CDK app cannot wire a {definition.Trigger.GetType().Name} trigger.");
        }
    }

    private string SettingValue(string name) => name switch
    {
        SettingNames.ImagesTable => props.Tables.Images.TableName,
        SettingNames.ConnectionsTable => props.Tables.Connections.TableName,
        SettingNames.FeedIndexTable => props.Tables.FeedIndex.TableName,
        SettingNames.SubscriptionRequestsTable => props.Tables.SubscriptionRequests.TableName,
        SettingNames.UploadBucket => props.Uploads.Bucket.BucketName,
        SettingNames.UploadUrlTtlSeconds => Invariant(UploadUrlTtlSeconds),
        SettingNames.TopicArn => props.Notifications.Topic.TopicArn,
        SettingNames.ConnectionsEndpoint => props.WebSocket.ConnectionsEndpoint,
        SettingNames.SiteUrl => props.Website.Url,
        SettingNames.MinConfidence => Invariant(props.Settings.MinConfidence),
        SettingNames.MaxLabels => Invariant(props.Settings.MaxLabels),
        SettingNames.PushConcurrency => Invariant(PushConcurrency),
        SettingNames.PushShardTopicArn => props.PushShards.Topic.TopicArn,
        SettingNames.PushShardSize => Invariant(PushShards.ShardSize),
        SettingNames.AnalyzeLabels => Switch(props.Settings.AnalyzeLabels),
        SettingNames.AnalyzeFaces => Switch(props.Settings.AnalyzeFaces),
        SettingNames.AnalyzeText => Switch(props.Settings.AnalyzeText),
        SettingNames.AnalyzeModeration => Switch(props.Settings.AnalyzeModeration),
        SettingNames.AnalyzeImageProperties => Switch(props.Settings.AnalyzeImageProperties),
        SettingNames.ProcessorTimeoutSeconds => Invariant(FunctionCatalog.ProcessImage.TimeoutSeconds),
        SettingNames.SweepGraceSeconds => Invariant(SweepGraceSeconds),
        _ => throw new NotSupportedException($"The CDK app has no value for the setting {name}."),
    };

    private void Grant(LambdaFunction function, ResourceAccess access)
    {
        switch (access.Resource)
        {
            case CloudResource.ImageAnalyses:
                // Rekognition's image analyses have no resource-level permissions: their only resource is "*".
                // Each action is granted only while its analysis is switched on.
                foreach (var action in access.Actions.Where(AnalysisSwitchedOn))
                {
                    Allow(function, [action], "*");
                }
                break;
            case CloudResource.ResultsTopic or CloudResource.PushShardTopic:
                var topic = Topic(access.Resource);
                Allow(function, access.Actions, topic.TopicArn);
                if (access.Actions.Contains("sns:Publish"))
                {
                    // SNS encrypts a published message with the topic's key on the publisher's behalf.
                    props.Notifications.Key.Grant(function, "kms:Decrypt", "kms:GenerateDataKey*");
                }
                break;
            default:
                Allow(function, access.Actions, Arn(access.Resource));
                break;
        }
    }

    private string Arn(CloudResource resource)
    {
        var tables = props.Tables;
        var bucket = props.Uploads.Bucket;
        return resource switch
        {
            CloudResource.ImagesTable => tables.Images.TableArn,
            CloudResource.ImagesByFeedIndex => DataTables.IndexArn(tables.Images, TableSchemas.ImagesFeedIndex),
            CloudResource.ImagesUnfinishedIndex => DataTables.IndexArn(tables.Images, TableSchemas.ImagesUnfinishedIndex),
            CloudResource.ConnectionsTable => tables.Connections.TableArn,
            CloudResource.ConnectionsByFeedIndex => DataTables.IndexArn(tables.Connections, TableSchemas.ConnectionsFeedIndex),
            CloudResource.FeedIndexTable => tables.FeedIndex.TableArn,
            CloudResource.SubscriptionRequestsTable => tables.SubscriptionRequests.TableArn,
            CloudResource.UploadObjects => bucket.ArnForObjects(UploadBucket.UploadsPrefix + "*"),
            CloudResource.UploadBucket => bucket.BucketArn,
            CloudResource.ExportObjects => bucket.ArnForObjects(UploadBucket.ExportsPrefix + "*"),
            CloudResource.PostToConnections => props.WebSocket.ConnectionsArn,
            CloudResource.CloseConnections => props.WebSocket.CloseConnectionsArn,
            _ => throw new NotSupportedException($"The CDK app has no ARN for {resource}."),
        };
    }

    private Amazon.CDK.AWS.SNS.Topic Topic(CloudResource resource) => resource switch
    {
        CloudResource.ResultsTopic => props.Notifications.Topic,
        CloudResource.PushShardTopic => props.PushShards.Topic,
        _ => throw new NotSupportedException($"{resource} is not a topic."),
    };

    /// <summary>Labels and image properties share DetectLabels.</summary>
    private bool AnalysisSwitchedOn(string action)
    {
        var settings = props.Settings;
        return action switch
        {
            "rekognition:DetectLabels" => settings.AnalyzeLabels || settings.AnalyzeImageProperties,
            "rekognition:DetectFaces" => settings.AnalyzeFaces,
            "rekognition:DetectText" => settings.AnalyzeText,
            "rekognition:DetectModerationLabels" => settings.AnalyzeModeration,
            _ => throw new NotSupportedException($"{action} is not an image analysis."),
        };
    }

    private static void Allow(LambdaFunction function, IReadOnlyList<string> actions, string resource) =>
        function.AddToRolePolicy(new PolicyStatement(new PolicyStatementProps
        {
            Effect = Effect.ALLOW,
            Actions = [.. actions],
            Resources = [resource],
        }));

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Switch(bool on) => on ? "true" : "false";
}
