using ImageLabelsLive.LocalAws.Lambda;
using ImageLabelsLive.LocalAws.Signing;

namespace ImageLabelsLive.LocalAws.S3;

/// <summary>The local S3: which buckets it serves, where their objects live, whose signatures it verifies, and whom it notifies.</summary>
public sealed record LocalS3Options
{
    /// <summary>Objects live in {DataDirectory}/{bucket}/.</summary>
    public required string DataDirectory { get; init; }

    /// <summary>The buckets served; any other bucket is NoSuchBucket.</summary>
    public required IReadOnlyList<string> Buckets { get; init; }

    /// <summary>The local key pair: requests signed with it are verified; a presigned PUT must be signed with it.</summary>
    public required SigV4KeyPair Credentials { get; init; }

    /// <summary>The region in events (awsRegion).</summary>
    public string Region { get; init; } = "us-east-1";

    /// <summary>The largest object accepted; a bigger PUT is refused with 413 EntityTooLarge. The app allows 15 MB.</summary>
    public long MaxObjectBytes { get; init; } = 16L * 1024 * 1024;

    /// <summary>Only objects whose keys start with this raise an ObjectCreated event (the bucket's notification filter).</summary>
    public string NotificationPrefix { get; init; } = "uploads/";

    /// <summary>The function the ObjectCreated events go to, as the host's <see cref="ILambdaInvoker"/> names it.</summary>
    public required string NotificationFunction { get; init; }

    /// <summary>The notification configuration's id (s3.configurationId in the event).</summary>
    public string NotificationConfigurationId { get; init; } = "ProcessImageOnUpload";

    /// <summary>Delays before each retry of a failed invocation; Lambda's asynchronous invoke retries twice.</summary>
    public IReadOnlyList<TimeSpan> NotificationRetryDelays { get; init; } = [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)];

    /// <summary>
    /// The asynchronous invocation's on-failure destination: a JSON Lines file that gets one record per event given up
    /// on after its retries, in the shape Lambda sends to a destination. Null only logs such events.
    /// </summary>
    public string? NotificationFailureDestinationPath { get; init; }

    /// <summary>
    /// Test hook for at-least-once delivery: every event is delivered this many times, concurrently (1 = normal).
    /// </summary>
    public int NotificationDeliveries { get; init; } = 1;

    /// <summary>
    /// A journal in which each ObjectCreated event is fsync'd before the PUT is answered and marked done once
    /// delivered or given up on; a restarted host delivers what is not done (<see cref="S3EventJournal"/>). Null keeps
    /// events in memory only.
    /// </summary>
    public string? NotificationJournalPath { get; init; }

    /// <summary>How far a signature's timestamp may be from the host's clock (AWS allows 15 minutes).</summary>
    public TimeSpan AllowedClockSkew { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>The canonical id of the bucket owner (bucket.ownerIdentity.principalId in events).</summary>
    public string OwnerId { get; init; } = "A1LOCALOWNER0000";

    /// <summary>Origins a browser may call from (CORS); "*" allows any. The page uploads from its own origin, so this rarely matters.</summary>
    public IReadOnlyList<string> CorsAllowedOrigins { get; init; } = ["*"];

    internal void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(DataDirectory);
        ArgumentNullException.ThrowIfNull(Buckets);
        ArgumentNullException.ThrowIfNull(Credentials);
        ArgumentException.ThrowIfNullOrWhiteSpace(Region);
        ArgumentException.ThrowIfNullOrWhiteSpace(NotificationFunction);
        ArgumentNullException.ThrowIfNull(NotificationPrefix);
        ArgumentNullException.ThrowIfNull(NotificationRetryDelays);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxObjectBytes);
        ArgumentOutOfRangeException.ThrowIfLessThan(NotificationDeliveries, 1);
        foreach (var bucket in Buckets)
        {
            if (!IsValidBucketName(bucket))
            {
                throw new ArgumentException($"'{bucket}' is not a valid S3 bucket name.", nameof(Buckets));
            }
        }
    }

    /// <summary>S3's rules (3–63 characters of a-z, 0-9, '.', '-'), which also keep a bucket name a safe folder name.</summary>
    internal static bool IsValidBucketName(string? name) =>
        name is { Length: >= 3 and <= 63 }
        && name.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '.' or '-')
        && char.IsAsciiLetterOrDigit(name[0])
        && char.IsAsciiLetterOrDigit(name[^1])
        && !name.Contains("..", StringComparison.Ordinal);
}
