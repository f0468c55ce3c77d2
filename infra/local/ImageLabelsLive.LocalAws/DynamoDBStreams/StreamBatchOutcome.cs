namespace ImageLabelsLive.LocalAws.DynamoDBStreams;

/// <summary>How a delivery of a batch went. Error null: success. FailedFrom set: records before it succeeded.</summary>
internal sealed record StreamBatchOutcome(string? Error, int? FailedFrom)
{
    public static readonly StreamBatchOutcome Success = new(null, null);

    public static StreamBatchOutcome Failure(string error) => new(error, null);

    public static StreamBatchOutcome Partial(int failedFrom, string error) => new(error, failedFrom);
}
