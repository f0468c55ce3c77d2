using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace ImageLabelsLive.LocalAws.DynamoDB;

/// <summary>
/// Creates the app's tables in dynalite with the keys and indexes the CDK app declares, when they are missing.
/// Streams are not declared to dynalite (it has none); the endpoint supplies them.
/// </summary>
public sealed class LocalTables
{
    public const string FeedCreatedAtIndex = "feedId-createdAt-index";
    public const string FeedIndex = "feedId-index";
    /// <summary>The sweeper's sparse index (ImageItems.UnfinishedIndex): only unfinished records carry its key.</summary>
    public const string UnfinishedIndex = "unfinished-updatedAt-index";
    public const string TimeToLiveAttribute = "expiresAt";

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

    private readonly DynaliteClient _dynalite;
    private readonly TableShapes _shapes;
    private readonly LocalDynamoDbOptions _options;
    private readonly ILogger<LocalTables> _logger;

    internal LocalTables(DynaliteClient dynalite, TableShapes shapes, LocalDynamoDbOptions options, ILogger<LocalTables> logger)
    {
        _dynalite = dynalite;
        _shapes = shapes;
        _options = options;
        _logger = logger;
    }

    /// <summary>
    /// Creates Images and Connections if missing and waits until both are ACTIVE. Then asks for TTL on
    /// Connections.expiresAt; dynalite 4.0 has no TTL and refuses that, which is reported, not fatal: nothing may
    /// depend on TTL locally ($disconnect and the pusher's 410 handling remove connections).
    /// </summary>
    public async Task<LocalTablesResult> EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        var created = new List<string>();
        foreach (var table in Definitions())
        {
            if (await CreateIfMissingAsync(table, cancellationToken).ConfigureAwait(false))
            {
                created.Add(table.TableName);
            }
        }
        foreach (var table in Definitions())
        {
            await WaitUntilActiveAsync(table.TableName, cancellationToken).ConfigureAwait(false);
        }

        var ttl = await _dynalite.CallAsync(
            "UpdateTimeToLive",
            JsonSerializer.Serialize(
                new UpdateTimeToLiveRequest(_options.ConnectionsTableName, new TimeToLiveSpecification(TimeToLiveAttribute, Enabled: true)),
                DynamoDbJsonContext.Default.UpdateTimeToLiveRequest),
            cancellationToken).ConfigureAwait(false);
        var ttlApplied = ttl.IsSuccess || ttl.Describe().Contains("already enabled", StringComparison.OrdinalIgnoreCase);
        if (!ttlApplied)
        {
            _logger.LogInformation(
                "TTL on {Table}.{Attribute} is not available locally ({Error}); stale connections are removed by $disconnect and by 410 Gone on push",
                _options.ConnectionsTableName, TimeToLiveAttribute, ttl.Describe());
        }
        if (created.Count > 0)
        {
            _logger.LogInformation("Created DynamoDB tables: {Tables}", string.Join(", ", created));
        }
        return new LocalTablesResult(created, ttlApplied);
    }

    internal IReadOnlyList<CreateTableRequest> Definitions() =>
    [
        new CreateTableRequest(
            _options.ImagesTableName,
            [new AttributeDefinition("imageId", "S"), new AttributeDefinition("feedId", "S"), new AttributeDefinition("createdAt", "S"),
                new AttributeDefinition("unfinishedStatus", "S"), new AttributeDefinition("updatedAt", "S")],
            [new KeySchemaElement("imageId", "HASH")],
            "PAY_PER_REQUEST",
            [
                new GlobalSecondaryIndex(FeedCreatedAtIndex, [new KeySchemaElement("feedId", "HASH"), new KeySchemaElement("createdAt", "RANGE")], new Projection("ALL")),
                new GlobalSecondaryIndex(UnfinishedIndex, [new KeySchemaElement("unfinishedStatus", "HASH"), new KeySchemaElement("updatedAt", "RANGE")], new Projection("ALL")),
            ]),
        new CreateTableRequest(
            _options.ConnectionsTableName,
            [new AttributeDefinition("connectionId", "S"), new AttributeDefinition("feedId", "S")],
            [new KeySchemaElement("connectionId", "HASH")],
            "PAY_PER_REQUEST",
            // connectionId as the index's sort key, as the CDK app declares it: dynalite tells apart the entries of one
            // index key by only 24 bits of an MD5 of the item's table key, so without a sort key two connections of a feed
            // collide about once per 5,000 and one of them silently drops out of the index (and its tab out of every push).
            [new GlobalSecondaryIndex(FeedIndex, [new KeySchemaElement("feedId", "HASH"), new KeySchemaElement("connectionId", "RANGE")], new Projection("ALL"))]),
        new CreateTableRequest(
            _options.FeedIndexTableName,
            [new AttributeDefinition("pk", "S"), new AttributeDefinition("sk", "S")],
            [new KeySchemaElement("pk", "HASH"), new KeySchemaElement("sk", "RANGE")],
            "PAY_PER_REQUEST",
            null),
        new CreateTableRequest(
            _options.SubscriptionRequestsTableName,
            [new AttributeDefinition("counterId", "S")],
            [new KeySchemaElement("counterId", "HASH")],
            "PAY_PER_REQUEST",
            null),
    ];

    private async Task<bool> CreateIfMissingAsync(CreateTableRequest table, CancellationToken cancellationToken)
    {
        var describe = await DescribeAsync(table.TableName, cancellationToken).ConfigureAwait(false);
        if (describe.IsSuccess && table.TableName == _options.ConnectionsTableName && !SameIndexKeys(table, describe.Body.GetProperty("Table")))
        {
            // A data folder from before the feed index had its sort key. Connections do not outlive the host that
            // opened them, so the table is only dropped and made again.
            _logger.LogInformation("Recreating {Table}: its indexes' keys differ from the ones the app declares", table.TableName);
            await DeleteAsync(table.TableName, cancellationToken).ConfigureAwait(false);
            describe = await DescribeAsync(table.TableName, cancellationToken).ConfigureAwait(false);
        }
        if (describe.IsSuccess)
        {
            return false;
        }
        if (describe.ErrorType != "ResourceNotFoundException")
        {
            throw new InvalidOperationException($"DescribeTable {table.TableName} failed on dynalite: {describe.Describe()}");
        }
        var create = await _dynalite.CallAsync(
            "CreateTable", JsonSerializer.Serialize(table, DynamoDbJsonContext.Default.CreateTableRequest), cancellationToken).ConfigureAwait(false);
        _shapes.Forget(table.TableName);
        if (create.IsSuccess)
        {
            return true;
        }
        // Another caller created it first: fine.
        if (create.ErrorType == "ResourceInUseException")
        {
            return false;
        }
        throw new InvalidOperationException($"CreateTable {table.TableName} failed on dynalite: {create.Describe()}");
    }

    private async Task WaitUntilActiveAsync(string tableName, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(30));
        while (true)
        {
            var describe = await DescribeAsync(tableName, deadline.Token).ConfigureAwait(false);
            if (describe.IsSuccess && IsActive(describe.Body.GetProperty("Table")))
            {
                return;
            }
            await Task.Delay(PollInterval, deadline.Token).ConfigureAwait(false);
        }
    }

    /// <summary>Whether every index the definition declares exists in <paramref name="described"/> with the same keys.</summary>
    internal static bool SameIndexKeys(CreateTableRequest definition, JsonElement described)
    {
        var declared = definition.GlobalSecondaryIndexes ?? [];
        if (!described.TryGetProperty("GlobalSecondaryIndexes", out var indexes) || indexes.ValueKind != JsonValueKind.Array)
        {
            return declared.Count == 0;
        }
        var existing = indexes.EnumerateArray().ToDictionary(
            index => index.GetProperty("IndexName").GetString() ?? "",
            index => string.Join(',', index.GetProperty("KeySchema").EnumerateArray().Select(key => key.GetProperty("AttributeName").GetString() + ":" + key.GetProperty("KeyType").GetString())),
            StringComparer.Ordinal);
        return declared.All(index =>
            existing.TryGetValue(index.IndexName, out var keys) && keys == string.Join(',', index.KeySchema.Select(key => key.AttributeName + ":" + key.KeyType)));
    }

    private async Task DeleteAsync(string tableName, CancellationToken cancellationToken)
    {
        var delete = await _dynalite.CallAsync(
            "DeleteTable", JsonSerializer.Serialize(new DescribeTableRequest(tableName), DynamoDbJsonContext.Default.DescribeTableRequest), cancellationToken).ConfigureAwait(false);
        _shapes.Forget(tableName);
        if (!delete.IsSuccess && delete.ErrorType != "ResourceNotFoundException")
        {
            throw new InvalidOperationException($"DeleteTable {tableName} failed on dynalite: {delete.Describe()}");
        }
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(30));
        while ((await DescribeAsync(tableName, deadline.Token).ConfigureAwait(false)).IsSuccess)
        {
            await Task.Delay(PollInterval, deadline.Token).ConfigureAwait(false);
        }
    }

    private static bool IsActive(JsonElement table) =>
        table.GetProperty("TableStatus").GetString() == "ACTIVE" &&
        (!table.TryGetProperty("GlobalSecondaryIndexes", out var indexes) ||
         indexes.EnumerateArray().All(i => i.GetProperty("IndexStatus").GetString() == "ACTIVE"));

    private Task<DynaliteResult> DescribeAsync(string tableName, CancellationToken cancellationToken) =>
        _dynalite.CallAsync(
            "DescribeTable", JsonSerializer.Serialize(new DescribeTableRequest(tableName), DynamoDbJsonContext.Default.DescribeTableRequest), cancellationToken);
}

/// <summary>Which tables <see cref="LocalTables.EnsureCreatedAsync"/> created, and whether TTL could be switched on.</summary>
public sealed record LocalTablesResult(IReadOnlyList<string> Created, bool TimeToLiveApplied);
