using Amazon.CDK;
using Amazon.CDK.AWS.DynamoDB;
using Amazon.CDK.AWS.Lambda;
using Amazon.CDK.AWS.Lambda.EventSources;
using Amazon.CDK.AWS.SQS;
using Constructs;

namespace ImageLabelsLive.Infra;

/// <summary>
/// The third consumer of the Images stream: IndexFeed keeps the FeedIndex table. Its own retries and dead-letter
/// queue, so a slow index never holds back a push or an email. Counts are only as right as this consumer is
/// complete, so it retries long.
/// </summary>
internal sealed class FeedIndexing : Construct
{
    public const int BatchSize = 100;
    public const int RetryAttempts = 10;
    public static readonly Duration MaxRecordAge = Duration.Hours(24);

    public FeedIndexing(Construct scope, string id, ITable images, IFunction indexFeed)
        : base(scope, id)
    {
        ArgumentNullException.ThrowIfNull(indexFeed);
        Failures = new Queue(this, "IndexFeedFailures", PipelineFunctions.DeadLetterQueueProps());
        indexFeed.AddEventSource(new DynamoEventSource(images, new DynamoEventSourceProps
        {
            StartingPosition = StartingPosition.TRIM_HORIZON,
            BatchSize = BatchSize,
            BisectBatchOnError = true,
            ReportBatchItemFailures = true,
            RetryAttempts = RetryAttempts,
            MaxRecordAge = MaxRecordAge,
            OnFailure = new SqsDlq(Failures),
        }));
    }

    public Queue Failures { get; }
}
