using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;

namespace ImageLabelsLive.LocalAws.DynamoDB;

/// <summary>The local DynamoDB endpoint's state for /health.</summary>
public sealed class LocalDynamoDb
{
    private readonly DynaliteSdkClient _dynalite;

    internal LocalDynamoDb(DynaliteSdkClient dynalite, LocalDynamoDbOptions options)
    {
        _dynalite = dynalite;
        Options = options;
    }

    public LocalDynamoDbOptions Options { get; }

    /// <summary>True when dynalite answers ListTables within two seconds.</summary>
    public async Task<bool> IsHealthyAsync(CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(2));
        try
        {
            await _dynalite.Client.ListTablesAsync(new ListTablesRequest { Limit = 1 }, timeout.Token).ConfigureAwait(false);
            return true;
        }
        catch (Exception ex) when (ex is AmazonServiceException or HttpRequestException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
