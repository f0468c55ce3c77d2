using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Microsoft.Extensions.Logging;

namespace ImageLabelsLive.LocalAws.DynamoDB;

/// <summary>
/// Creates the tables the host is given (<see cref="LocalDynamoDbOptions.Tables"/>, the same requests the CDK app
/// declares its tables from) in dynalite when they are missing, through AWSSDK's DynamoDB client. Streams are not
/// declared to dynalite (it has none); the endpoint records them itself.
/// </summary>
public sealed class LocalTables
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

    private readonly AmazonDynamoDBClient _dynalite;
    private readonly TableShapes _shapes;
    private readonly LocalDynamoDbOptions _options;
    private readonly ILogger<LocalTables> _logger;

    internal LocalTables(DynaliteSdkClient dynalite, TableShapes shapes, LocalDynamoDbOptions options, ILogger<LocalTables> logger)
    {
        _dynalite = dynalite.Client;
        _shapes = shapes;
        _options = options;
        _logger = logger;
    }

    /// <summary>
    /// Creates the missing tables and waits until all are ACTIVE. Then asks for TTL where a table has one; dynalite 4.0
    /// has no TTL and refuses that, which is reported, not fatal: nothing may depend on TTL locally ($disconnect and the
    /// pusher's 410 handling remove connections, and tombstones stay as deleted records).
    /// </summary>
    public async Task<LocalTablesResult> EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        var created = new List<string>();
        foreach (var table in _options.Tables)
        {
            if (await CreateIfMissingAsync(table, cancellationToken).ConfigureAwait(false))
            {
                created.Add(table.TableName);
            }
        }
        foreach (var table in _options.Tables)
        {
            await WaitUntilActiveAsync(table.TableName, cancellationToken).ConfigureAwait(false);
        }

        var ttlApplied = true;
        foreach (var timeToLive in _options.TimeToLive)
        {
            try
            {
                await _dynalite.UpdateTimeToLiveAsync(timeToLive, cancellationToken).ConfigureAwait(false);
            }
            catch (AmazonDynamoDBException refused) when (!refused.Message.Contains("already enabled", StringComparison.OrdinalIgnoreCase))
            {
                ttlApplied = false;
                _logger.LogInformation(
                    "TTL on {Table}.{Attribute} is not available locally ({Error}); nothing here depends on it",
                    timeToLive.TableName, timeToLive.TimeToLiveSpecification.AttributeName, refused.ErrorCode + ": " + refused.Message);
            }
        }
        if (created.Count > 0)
        {
            _logger.LogInformation("Created DynamoDB tables: {Tables}", string.Join(", ", created));
        }
        return new LocalTablesResult(created, ttlApplied);
    }

    private async Task<bool> CreateIfMissingAsync(CreateTableRequest table, CancellationToken cancellationToken)
    {
        var described = await DescribeAsync(table.TableName, cancellationToken).ConfigureAwait(false);
        if (described is not null && !SameIndexKeys(table, described))
        {
            // A data folder from before an index changed its keys (the Connections feed index gained its sort key).
            // Only a table whose items do not outlive the host (connections) may be dropped and made again.
            if (table.TableName != _options.ConnectionsTableName)
            {
                throw new InvalidOperationException($"Table {table.TableName} in the data folder has other index keys than the app declares; start once with --fresh.");
            }
            _logger.LogInformation("Recreating {Table}: its indexes' keys differ from the ones the app declares", table.TableName);
            await DeleteAsync(table.TableName, cancellationToken).ConfigureAwait(false);
            described = null;
        }
        if (described is not null)
        {
            return false;
        }
        try
        {
            await _dynalite.CreateTableAsync(WithoutStream(table), cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (ResourceInUseException)
        {
            return false; // Another caller created it first: fine.
        }
        finally
        {
            _shapes.Forget(table.TableName);
        }
    }

    /// <summary>The same request without its StreamSpecification: dynalite keeps no streams, the endpoint does.</summary>
    private static CreateTableRequest WithoutStream(CreateTableRequest table) => new()
    {
        TableName = table.TableName,
        AttributeDefinitions = table.AttributeDefinitions,
        KeySchema = table.KeySchema,
        BillingMode = table.BillingMode,
        ProvisionedThroughput = table.ProvisionedThroughput,
        GlobalSecondaryIndexes = table.GlobalSecondaryIndexes is { Count: > 0 } indexes ? indexes : null,
        LocalSecondaryIndexes = table.LocalSecondaryIndexes is { Count: > 0 } local ? local : null,
    };

    private async Task WaitUntilActiveAsync(string tableName, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(30));
        while (true)
        {
            if (await DescribeAsync(tableName, deadline.Token).ConfigureAwait(false) is { } table && IsActive(table))
            {
                return;
            }
            await Task.Delay(PollInterval, deadline.Token).ConfigureAwait(false);
        }
    }

    /// <summary>Whether every index the definition declares exists in <paramref name="described"/> with the same keys.</summary>
    internal static bool SameIndexKeys(CreateTableRequest definition, TableDescription described)
    {
        static string Keys(IEnumerable<KeySchemaElement> keys) => string.Join(',', keys.Select(key => key.AttributeName + ":" + key.KeyType.Value));
        var existing = (described.GlobalSecondaryIndexes ?? []).ToDictionary(index => index.IndexName, index => Keys(index.KeySchema), StringComparer.Ordinal);
        return (definition.GlobalSecondaryIndexes ?? []).All(index => existing.TryGetValue(index.IndexName, out var keys) && keys == Keys(index.KeySchema));
    }

    private async Task DeleteAsync(string tableName, CancellationToken cancellationToken)
    {
        try
        {
            await _dynalite.DeleteTableAsync(tableName, cancellationToken).ConfigureAwait(false);
        }
        catch (ResourceNotFoundException)
        {
            // Already gone.
        }
        _shapes.Forget(tableName);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(30));
        while (await DescribeAsync(tableName, deadline.Token).ConfigureAwait(false) is not null)
        {
            await Task.Delay(PollInterval, deadline.Token).ConfigureAwait(false);
        }
    }

    private static bool IsActive(TableDescription table) =>
        table.TableStatus == TableStatus.ACTIVE && (table.GlobalSecondaryIndexes ?? []).All(index => index.IndexStatus == IndexStatus.ACTIVE);

    private async Task<TableDescription?> DescribeAsync(string tableName, CancellationToken cancellationToken)
    {
        try
        {
            return (await _dynalite.DescribeTableAsync(tableName, cancellationToken).ConfigureAwait(false)).Table;
        }
        catch (ResourceNotFoundException)
        {
            return null;
        }
    }
}

/// <summary>Which tables <see cref="LocalTables.EnsureCreatedAsync"/> created, and whether TTL could be switched on.</summary>
public sealed record LocalTablesResult(IReadOnlyList<string> Created, bool TimeToLiveApplied);
