using System.Text.Json;

namespace ImageLabelsLive.LocalAws.DynamoDB;

/// <summary>The local DynamoDB endpoint's state for /health.</summary>
public sealed class LocalDynamoDb
{
    private readonly DynaliteClient _dynalite;

    internal LocalDynamoDb(DynaliteClient dynalite, LocalDynamoDbOptions options)
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
            var result = await _dynalite.CallAsync(
                "ListTables", JsonSerializer.Serialize(new ListTablesRequest(1), DynamoDbJsonContext.Default.ListTablesRequest), timeout.Token)
                .ConfigureAwait(false);
            return result.IsSuccess;
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
