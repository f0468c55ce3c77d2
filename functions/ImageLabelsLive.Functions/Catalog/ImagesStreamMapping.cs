namespace ImageLabelsLive.Functions.Catalog;

/// <summary>
/// An event source mapping on the Images table's stream: batches, bounded retries (bisecting a failed batch and
/// reporting item failures), then the record goes to the function's own dead-letter queue.
/// </summary>
public sealed record ImagesStreamMapping(int BatchSize, int RetryAttempts, TimeSpan MaxRecordAge) : FunctionTrigger
{
    /// <summary>Batches per shard processed at once; per-key order still holds.</summary>
    public int ParallelizationFactor { get; init; } = 1;

    /// <summary>Only transitions into a final status (labeled or failed) invoke the function.</summary>
    public bool FinalTransitionsOnly { get; init; }
}
