namespace ImageLabelsLive.Aws.Configuration;

/// <summary>
/// The environment variables the functions read (<see cref="FunctionSettings.From"/>), spelled once: the function
/// catalog lists which ones each function needs, the CDK app sets them, the local host sets them for all.
/// </summary>
public static class SettingNames
{
    public const string ImagesTable = "IMAGES_TABLE";
    public const string ConnectionsTable = "CONNECTIONS_TABLE";
    public const string FeedIndexTable = "FEED_INDEX_TABLE";
    public const string SubscriptionRequestsTable = "SUBSCRIPTION_REQUESTS_TABLE";
    public const string UploadBucket = "UPLOAD_BUCKET";
    public const string UploadUrlTtlSeconds = "UPLOAD_URL_TTL_SECONDS";
    public const string TopicArn = "TOPIC_ARN";
    public const string ConnectionsEndpoint = "CONNECTIONS_ENDPOINT";
    public const string SiteUrl = "SITE_URL";
    public const string MinConfidence = "MIN_CONFIDENCE";
    public const string MaxLabels = "MAX_LABELS";
    public const string PushConcurrency = "PUSH_CONCURRENCY";
    public const string PushShardTopicArn = "PUSH_SHARD_TOPIC_ARN";
    public const string PushShardSize = "PUSH_SHARD_SIZE";
    public const string DetectorRetrySeconds = "DETECTOR_RETRY_SECONDS";
    public const string AnalyzeLabels = "ANALYZE_LABELS";
    public const string AnalyzeFaces = "ANALYZE_FACES";
    public const string AnalyzeText = "ANALYZE_TEXT";
    public const string AnalyzeModeration = "ANALYZE_MODERATION";
    public const string AnalyzeImageProperties = "ANALYZE_IMAGE_PROPERTIES";
    public const string NotifyClaimLeaseSeconds = "NOTIFY_CLAIM_LEASE_SECONDS";
    public const string ProcessorTimeoutSeconds = "PROCESSOR_TIMEOUT_SECONDS";
    public const string SweepGraceSeconds = "SWEEP_GRACE_SECONDS";

    /// <summary>The analysis switches, in the order <see cref="Core.Analysis.AnalysisSwitches"/> takes them.</summary>
    public static IReadOnlyList<string> Analyses { get; } = [AnalyzeLabels, AnalyzeFaces, AnalyzeText, AnalyzeModeration, AnalyzeImageProperties];
}
