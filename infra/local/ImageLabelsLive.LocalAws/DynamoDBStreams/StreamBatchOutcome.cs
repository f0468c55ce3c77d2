using System.Text.Json;
using Amazon.Lambda.DynamoDBEvents;

namespace ImageLabelsLive.LocalAws.DynamoDBStreams;

/// <summary>How a delivery of a batch went. Error null: success. FailedFrom set: records before it succeeded.</summary>
internal sealed record StreamBatchOutcome(string? Error, int? FailedFrom)
{
    public static readonly StreamBatchOutcome Success = new(null, null);

    public static StreamBatchOutcome Failure(string error) => new(error, null);

    public static StreamBatchOutcome Partial(int failedFrom, string error) => new(error, failedFrom);

    /// <summary>
    /// Lambda's rules: no answer, null, {} or an empty or null list is success; invalid JSON, a missing or empty
    /// identifier, or one not in the batch fails the whole batch; otherwise retry from the lowest reported record.
    /// </summary>
    public static StreamBatchOutcome FromResponse(IReadOnlyList<QueuedStreamRecord> records, byte[] response)
    {
        if (response.AsSpan().Trim(" \t\r\n"u8).IsEmpty)
        {
            return StreamBatchOutcome.Success;
        }
        StreamsEventResponse? answer;
        try
        {
            answer = JsonSerializer.Deserialize(response, StreamJsonContext.Default.StreamsEventResponse);
        }
        catch (JsonException ex)
        {
            return StreamBatchOutcome.Failure($"The function's response is not a valid StreamsEventResponse: {ex.Message}");
        }
        if (answer?.BatchItemFailures is not { Count: > 0 } failures)
        {
            return StreamBatchOutcome.Success;
        }
        var lowest = int.MaxValue;
        foreach (var failure in failures)
        {
            var identifier = failure?.ItemIdentifier;
            if (string.IsNullOrEmpty(identifier))
            {
                return StreamBatchOutcome.Failure("The function reported a batch item failure without an itemIdentifier.");
            }
            var index = IndexOf(records, identifier);
            if (index < 0)
            {
                return StreamBatchOutcome.Failure($"The function reported itemIdentifier '{identifier}', which is not in the batch.");
            }
            lowest = Math.Min(lowest, index);
        }
        return StreamBatchOutcome.Partial(lowest, $"The function reported record {records[lowest].Record.Dynamodb.SequenceNumber} as failed.");
    }

    private static int IndexOf(IReadOnlyList<QueuedStreamRecord> records, string sequenceNumber)
    {
        for (var i = 0; i < records.Count; i++)
        {
            if (string.Equals(records[i].Record.Dynamodb.SequenceNumber, sequenceNumber, StringComparison.Ordinal))
            {
                return i;
            }
        }
        return -1;
    }
}
