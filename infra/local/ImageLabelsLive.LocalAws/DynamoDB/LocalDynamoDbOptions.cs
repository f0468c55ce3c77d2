using Amazon.DynamoDBv2.Model;
using ImageLabelsLive.LocalAws.DynamoDBStreams;

namespace ImageLabelsLive.LocalAws.DynamoDB;

/// <summary>The local DynamoDB endpoint: where dynalite answers, the app's tables, and which of them have streams.</summary>
public sealed record LocalDynamoDbOptions
{
    /// <summary>dynalite's base URL, e.g. http://127.0.0.1:4567/.</summary>
    public required Uri DynaliteUrl { get; init; }

    /// <summary>Goes into stream records (awsRegion) and stream ARNs.</summary>
    public string Region { get; init; } = "us-east-1";

    /// <summary>The account in stream ARNs.</summary>
    public string AccountId { get; init; } = "000000000000";

    public string ImagesTableName { get; init; } = "Images";

    public string ConnectionsTableName { get; init; } = "Connections";

    /// <summary>The feed index the IndexFeed consumer keeps (label members and counts, change log, checksums).</summary>
    public string FeedIndexTableName { get; init; } = "FeedIndex";
    /// <summary>SubscribeToFeed's flood-limit counters (no index; TTL on expiresAt on AWS).</summary>
    public string SubscriptionRequestsTableName { get; init; } = "SubscriptionRequests";

    /// <summary>The tables to create in dynalite when missing: the app's own CreateTableRequests (the CDK app declares the same).</summary>
    public IReadOnlyList<CreateTableRequest> Tables { get; init; } = [];

    /// <summary>TTL to ask for on those tables (dynalite refuses it; the request is still made, as on AWS).</summary>
    public IReadOnlyList<UpdateTimeToLiveRequest> TimeToLive { get; init; } = [];

    /// <summary>Tables whose writes through the endpoint produce stream records; null means the Images table, NEW_AND_OLD_IMAGES.</summary>
    public IReadOnlyList<StreamedTable>? StreamedTables { get; init; }

    /// <summary>
    /// Where the streams journal their records and consumers their checkpoints, so nothing is lost across a crash
    /// (see <see cref="DynamoDBStreams.StreamJournal"/>); null keeps records in memory only.
    /// </summary>
    public string? JournalDirectory { get; init; }

    /// <summary>Longest wait for one call to dynalite.</summary>
    public TimeSpan DynaliteTimeout { get; init; } = TimeSpan.FromSeconds(30);

    internal IReadOnlyList<StreamedTable> EffectiveStreamedTables =>
        StreamedTables ?? [new StreamedTable(ImagesTableName, StreamViewTypes.NewAndOldImages)];

    internal void Validate()
    {
        ArgumentNullException.ThrowIfNull(DynaliteUrl);
        ArgumentException.ThrowIfNullOrWhiteSpace(Region);
        ArgumentException.ThrowIfNullOrWhiteSpace(ImagesTableName);
        ArgumentException.ThrowIfNullOrWhiteSpace(ConnectionsTableName);
        foreach (var table in EffectiveStreamedTables)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(table.TableName);
            if (!StreamViewTypes.IsValid(table.StreamViewType))
            {
                throw new ArgumentException($"Unknown StreamViewType '{table.StreamViewType}' for table {table.TableName}.", nameof(StreamedTables));
            }
        }
    }
}

/// <summary>A table with a stream, and what its records carry (see <see cref="StreamViewTypes"/>).</summary>
public sealed record StreamedTable(string TableName, string StreamViewType = StreamViewTypes.NewAndOldImages);
