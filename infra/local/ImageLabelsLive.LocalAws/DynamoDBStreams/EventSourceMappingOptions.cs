namespace ImageLabelsLive.LocalAws.DynamoDBStreams;

/// <summary>
/// One consumer of a table's stream, configured like Lambda's DynamoDB event source mapping. Each mapping keeps its
/// own queue of the stream's records and its own retries, so one slow or failing consumer never delays another.
/// </summary>
public sealed record EventSourceMappingOptions
{
    /// <summary>The function to invoke, as the host's <see cref="Lambda.ILambdaInvoker"/> knows it.</summary>
    public required string FunctionName { get; init; }

    /// <summary>The table whose stream feeds this consumer; it must be one of the streamed tables.</summary>
    public required string TableName { get; init; }

    /// <summary>Most records per invocation (Lambda: 1–10,000, default 100).</summary>
    public int BatchSize { get; init; } = 100;

    /// <summary>How long to gather records before invoking; zero delivers as soon as records exist.</summary>
    public TimeSpan MaximumBatchingWindow { get; init; } = TimeSpan.Zero;

    /// <summary>Retries of a failing record before it goes to the on-failure destination; -1 retries until it expires.</summary>
    public int MaximumRetryAttempts { get; init; } = 3;

    /// <summary>On a function error, split the batch in halves and retry each (splitting uses no retry attempt).</summary>
    public bool BisectBatchOnFunctionError { get; init; } = true;

    /// <summary>Honour the function's <c>{"batchItemFailures":[...]}</c> answer; otherwise any answer means success.</summary>
    public bool ReportBatchItemFailures { get; init; } = true;

    /// <summary>Records older than this go to the on-failure destination instead of the function; null keeps them forever.</summary>
    public TimeSpan? MaximumRecordAge { get; init; }

    /// <summary>
    /// The on-failure destination: a JSON Lines file that gets one line per record given up on (record + error).
    /// Null only logs such records.
    /// </summary>
    public string? OnFailureDestinationPath { get; init; }

    /// <summary>Wait before the first retry of a failed batch; it doubles with every further retry.</summary>
    public TimeSpan RetryBackoff { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Longest wait between retries.</summary>
    public TimeSpan MaximumRetryBackoff { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>An invocation that takes longer counts as a function error, as Lambda's timeout does.</summary>
    public TimeSpan FunctionTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Test hook for at-least-once delivery: every batch is delivered this many times in a row (1 = normal).
    /// A failure in any of the deliveries counts as the batch's outcome.
    /// </summary>
    public int DuplicateDeliveries { get; init; } = 1;

    internal void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(FunctionName);
        ArgumentException.ThrowIfNullOrWhiteSpace(TableName);
        ArgumentOutOfRangeException.ThrowIfLessThan(BatchSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(BatchSize, 10_000);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaximumRetryAttempts, -1);
        ArgumentOutOfRangeException.ThrowIfLessThan(DuplicateDeliveries, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaximumBatchingWindow, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(RetryBackoff, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(FunctionTimeout, TimeSpan.Zero);
    }
}

/// <summary>A consumer's counters, for /health.</summary>
/// <param name="Received">Records the stream gave this consumer.</param>
/// <param name="Delivered">Records its function handled successfully.</param>
/// <param name="Retried">Record deliveries that were retries (a record retried twice counts twice).</param>
/// <param name="Failed">Records sent to the on-failure destination.</param>
/// <param name="Pending">Records received but not yet delivered or given up on.</param>
/// <param name="Invocations">Function invocations, duplicates included.</param>
/// <param name="LastError">The latest function error, if any.</param>
public sealed record EventSourceMappingStatus(
    string FunctionName,
    string TableName,
    long Received,
    long Delivered,
    long Retried,
    long Failed,
    long Pending,
    long Invocations,
    string? LastError,
    DateTimeOffset? LastErrorAt);
