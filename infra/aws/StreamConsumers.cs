using Amazon.CDK;
using Amazon.CDK.AWS.DynamoDB;
using Amazon.CDK.AWS.Lambda;
using Amazon.CDK.AWS.Lambda.EventSources;
using Amazon.CDK.AWS.SQS;
using Constructs;

namespace ImageLabelsLive.Infra;

/// <summary>
/// The two consumers of the Images stream, each with its own retries and its own dead-letter queue, so a slow
/// mailer never holds back a push and a failed push never resends an email.
/// </summary>
internal sealed class StreamConsumers : Construct
{
    public const int PushBatchSize = 50;
    public const int PushRetryAttempts = 3;
    public const int PushParallelizationFactor = 4;
    public static readonly Duration PushMaxRecordAge = Duration.Minutes(15);

    public const int NotifyBatchSize = 10;
    public const int NotifyRetryAttempts = 5;
    public static readonly Duration NotifyMaxRecordAge = Duration.Hours(6);

    public StreamConsumers(Construct scope, string id, ITable images, IFunction pushResults, IFunction notifyResults)
        : base(scope, id)
    {
        ArgumentNullException.ThrowIfNull(pushResults);
        ArgumentNullException.ThrowIfNull(notifyResults);
        PushFailures = new Queue(this, "PushResultsFailures", PipelineFunctions.DeadLetterQueueProps());
        NotifyFailures = new Queue(this, "NotifyResultsFailures", PipelineFunctions.DeadLetterQueueProps());

        // Pushes are live updates: a tab that missed one catches up through GET /feeds/{feedId}/images,
        // so records are retried briefly and in parallel (per-key order holds with a parallelization factor).
        pushResults.AddEventSource(new DynamoEventSource(images, new DynamoEventSourceProps
        {
            StartingPosition = StartingPosition.TRIM_HORIZON,
            BatchSize = PushBatchSize,
            ParallelizationFactor = PushParallelizationFactor,
            BisectBatchOnError = true,
            ReportBatchItemFailures = true,
            RetryAttempts = PushRetryAttempts,
            MaxRecordAge = PushMaxRecordAge,
            OnFailure = new SqsDlq(PushFailures),
        }));

        // An email is still worth sending hours late, so the notifier retries longer.
        notifyResults.AddEventSource(new DynamoEventSource(images, new DynamoEventSourceProps
        {
            StartingPosition = StartingPosition.TRIM_HORIZON,
            BatchSize = NotifyBatchSize,
            BisectBatchOnError = true,
            ReportBatchItemFailures = true,
            RetryAttempts = NotifyRetryAttempts,
            MaxRecordAge = NotifyMaxRecordAge,
            OnFailure = new SqsDlq(NotifyFailures),
            Filters = [NotifyFilter()],
        }));
    }

    public Queue PushFailures { get; }

    public Queue NotifyFailures { get; }

    /// <summary>Only transitions into a final status: the notifier is not even invoked for anything else.</summary>
    public static IDictionary<string, object> NotifyFilter() => FilterCriteria.Filter(new Dictionary<string, object>
    {
        ["dynamodb"] = new Dictionary<string, object>
        {
            ["NewImage"] = new Dictionary<string, object>
            {
                ["status"] = new Dictionary<string, object> { ["S"] = FilterRule.Or("labeled", "failed") },
            },
            ["OldImage"] = new Dictionary<string, object>
            {
                ["status"] = new Dictionary<string, object> { ["S"] = FilterRule.Or("uploading", "processing") },
            },
        },
    });
}
