using System.Numerics;
using System.Globalization;
using ImageLabelsLive.Core.Analysis;
using ImageLabelsLive.Core.PushResults;
using ImageLabelsLive.Core.PushShards;
using ImageLabelsLive.Core.Uploads;

namespace ImageLabelsLive.Aws.Configuration;

/// <summary>
/// Everything the functions are configured with, read from environment variables once per container.
/// Endpoints are only set locally; on AWS each client finds its regional endpoint.
/// </summary>
public sealed record FunctionSettings
{
    public string? ImagesTable { get; init; }
    public string? ConnectionsTable { get; init; }
    public string? FeedIndexTable { get; init; }
    public string? UploadBucket { get; init; }
    public string? TopicArn { get; init; }
    public string? SubscriptionRequestsTable { get; init; }
    public Uri? ConnectionsEndpoint { get; init; }
    public Uri? SiteUrl { get; init; }
    public float MinConfidence { get; init; } = 70;
    public int MaxLabels { get; init; } = 10;
    public TimeSpan UploadUrlLifetime { get; init; } = CreateUploadHandler.DefaultUrlLifetime;
    public int PushConcurrency { get; init; } = PushResultsHandler.DefaultConcurrency;

    /// <summary>Where PushResults hands shards of a big feed (SNS → PushShard); unset, it posts to every connection itself.</summary>
    public string? PushShardTopicArn { get; init; }

    /// <summary>Connections per shard, and the feed size above which PushResults shards.</summary>
    public int PushShardSize { get; init; } = PushShardPlan.DefaultShardSize;

    /// <summary>How long ProcessImage retries a throttled or unreachable detector before it fails the image with a reason.</summary>
    public TimeSpan DetectorRetryPatience { get; init; } = DefaultDetectorRetryPatience;

    public static TimeSpan DefaultDetectorRetryPatience { get; } = TimeSpan.FromSeconds(30);

    /// <summary>Which analyses ProcessImage asks for: ANALYZE_LABELS, _FACES, _TEXT, _MODERATION, _IMAGE_PROPERTIES (true|false, each on by default).</summary>
    public AnalysisSwitches Analyses { get; init; } = AnalysisSwitches.All;
    /// <summary>How long an unsent email claim holds before a retry may take it over (NotifyResults' timeout is 30 s).</summary>
    public TimeSpan NotificationClaimLease { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The sweeper: ProcessImage's timeout, and the grace added to it and to the upload URL's lifetime.</summary>
    public TimeSpan ProcessorTimeout { get; init; } = TimeSpan.FromSeconds(60);

    public TimeSpan SweepGrace { get; init; } = TimeSpan.FromMinutes(5);

    public Uri? S3Endpoint { get; init; }
    public Uri? DynamoDbEndpoint { get; init; }
    public Uri? RekognitionEndpoint { get; init; }
    public Uri? SnsEndpoint { get; init; }

    public static FunctionSettings FromEnvironment() => From(Environment.GetEnvironmentVariable);

    /// <summary>Reads settings through <paramref name="get"/>; a missing required setting names itself.</summary>
    public static FunctionSettings From(Func<string, string?> get)
    {
        ArgumentNullException.ThrowIfNull(get);
        return new FunctionSettings
        {
            ImagesTable = Optional(get, SettingNames.ImagesTable),
            ConnectionsTable = Optional(get, SettingNames.ConnectionsTable),
            FeedIndexTable = Optional(get, SettingNames.FeedIndexTable),
            UploadBucket = Optional(get, SettingNames.UploadBucket),
            TopicArn = Optional(get, SettingNames.TopicArn),
            SubscriptionRequestsTable = Optional(get, SettingNames.SubscriptionRequestsTable),
            ConnectionsEndpoint = OptionalUri(get, SettingNames.ConnectionsEndpoint),
            SiteUrl = OptionalUri(get, SettingNames.SiteUrl),
            MinConfidence = Number(get, SettingNames.MinConfidence, 70f, 0f, 100f),
            MaxLabels = Number(get, SettingNames.MaxLabels, 10, 1, 1000),
            UploadUrlLifetime = TimeSpan.FromSeconds(Number(get, SettingNames.UploadUrlTtlSeconds, 300, 1, 604_800)),
            PushConcurrency = Number(get, SettingNames.PushConcurrency, PushResultsHandler.DefaultConcurrency, 1, 1024),
            PushShardTopicArn = Optional(get, SettingNames.PushShardTopicArn),
            PushShardSize = Number(get, SettingNames.PushShardSize, PushShardPlan.DefaultShardSize, 1, 100_000),
            DetectorRetryPatience = TimeSpan.FromSeconds(Number(get, SettingNames.DetectorRetrySeconds, DefaultDetectorRetryPatience.TotalSeconds, 0, 600)),
            Analyses = new AnalysisSwitches(
                Switch(get, SettingNames.AnalyzeLabels),
                Switch(get, SettingNames.AnalyzeFaces),
                Switch(get, SettingNames.AnalyzeText),
                Switch(get, SettingNames.AnalyzeModeration),
                Switch(get, SettingNames.AnalyzeImageProperties)),
            NotificationClaimLease = TimeSpan.FromSeconds(Number(get, SettingNames.NotifyClaimLeaseSeconds, 60, 1, 3600)),
            ProcessorTimeout = TimeSpan.FromSeconds(Number(get, SettingNames.ProcessorTimeoutSeconds, 60, 1, 900)),
            SweepGrace = TimeSpan.FromSeconds(Number(get, SettingNames.SweepGraceSeconds, 300, 0, 86_400)),
            S3Endpoint = OptionalUri(get, "AWS_ENDPOINT_URL_S3"),
            DynamoDbEndpoint = OptionalUri(get, "AWS_ENDPOINT_URL_DYNAMODB"),
            RekognitionEndpoint = OptionalUri(get, "AWS_ENDPOINT_URL_REKOGNITION"),
            SnsEndpoint = OptionalUri(get, "AWS_ENDPOINT_URL_SNS"),
        };
    }

    /// <summary>Fails fast, naming the variable, when a function starts without a setting it needs.</summary>
    public static T Require<T>(T? value, string name)
        where T : class =>
        value ?? throw new InvalidOperationException($"The environment variable {name} is not set.");

    private static string? Optional(Func<string, string?> get, string name) =>
        get(name) is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    // Only http(s): on Linux "/prod" parses as file:///prod and "localhost:9000" as a URI with scheme "localhost".
    private static Uri? OptionalUri(Func<string, string?> get, string name) =>
        Optional(get, name) is not { } text ? null
        : Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) ? uri
        : throw new InvalidOperationException($"The environment variable {name} is not an absolute http(s) URL: '{text}'.");

    /// <summary>On unless set to false; anything but true or false names the variable.</summary>
    private static bool Switch(Func<string, string?> get, string name) =>
        Optional(get, name) is not { } text ? true
        : bool.TryParse(text, out var on) ? on
        : throw new InvalidOperationException($"The environment variable {name} must be true or false: '{text}'.");

    private static T Number<T>(Func<string, string?> get, string name, T fallback, T min, T max)
        where T : struct, INumber<T>
    {
        if (Optional(get, name) is not { } text)
        {
            return fallback;
        }
        return T.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new InvalidOperationException($"The environment variable {name} must be a number from {min} to {max}: '{text}'.");
    }
}
