using System.Security.Cryptography;
using ImageLabelsLive.LocalAws.Signing;

namespace ImageLabelsLive.LocalHost.Hosting;

/// <summary>
/// Where the local host answers and what it plays: one port on 127.0.0.1, each AWS service under its
/// own path, the sidecars on free ports of their own, and one data folder.
/// </summary>
public sealed record LocalSettings
{
    public const string ApiPath = "/api";
    public const string WebSocketPath = "/ws";
    public const string S3Path = "/local/s3";
    public const string DynamoDbPath = "/local/dynamodb";
    public const string SnsPath = "/local/sns";
    public const string ManagementApiPath = "/local/apigateway";

    /// <summary>ProcessImage's patience with a busy or restarting detector, locally (see LocalApp's function environment).</summary>
    public const int DetectorRetrySeconds = 120;

    /// <summary>How long a stop (SIGTERM, Ctrl-C) lets work under way finish before exiting; the rest stays journaled.</summary>
    public static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(10);

    public int Port { get; init; } = 8080;
    public required string DataDirectory { get; init; }
    public required string RepositoryRoot { get; init; }
    public string Region { get; init; } = "us-east-1";
    public string AccountId { get; init; } = "000000000000";
    public string UploadBucket { get; init; } = "imagelabelslive-uploads";
    public string ImagesTable { get; init; } = "Images";
    public string ConnectionsTable { get; init; } = "Connections";
    public string FeedIndexTable { get; init; } = "FeedIndex";
    public string SubscriptionRequestsTable { get; init; } = "SubscriptionRequests";
    public string TopicName { get; init; } = "image-results";
    public IReadOnlyList<string> EmailRecipients { get; init; } = ["you@imagelabels.local"];
    public float MinConfidence { get; init; } = 30;
    public TimeSpan WebSocketIdleTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Fault-injection hooks for reliability tests; all off by default.</summary>
    public FaultInjection Faults { get; init; } = new();

    /// <summary>The key pair the host gives its functions (kept in the data folder, see LocalKeyPairFile); requests signed with it are verified.</summary>
    public SigV4KeyPair Credentials { get; init; } = new(
        "AKIALOCAL" + Convert.ToHexString(RandomNumberGenerator.GetBytes(6)),
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(30)));

    public Uri BaseUrl => new($"http://127.0.0.1:{Port}");
    public string TopicArn => $"arn:aws:sns:{Region}:{AccountId}:{TopicName}";
    public string PushShardTopicArn => $"arn:aws:sns:{Region}:{AccountId}:push-shards";
    public string ObjectsDirectory => Path.Combine(DataDirectory, "s3");
    public string DynamoDbDirectory => Path.Combine(DataDirectory, "dynamodb");
    /// <summary>The stream and S3 event journals and the consumers' checkpoints (see infra/local/README.md).</summary>
    public string JournalDirectory => Path.Combine(DataDirectory, "journal");
    public string FrontendDirectory => Path.Combine(RepositoryRoot, "frontend", "dist");
    public string SidecarsDirectory => Path.Combine(RepositoryRoot, "infra", "local", "sidecars");

    public Uri Endpoint(string path) => new(BaseUrl, path);
}
