using Amazon.CDK;
using Amazon.CDK.AWS.CloudWatch;
using Amazon.CDK.AWS.CloudWatch.Actions;
using Amazon.CDK.AWS.Lambda;
using Amazon.CDK.AWS.SNS;
using Amazon.CDK.AWS.SQS;
using Constructs;

namespace ImageLabelsLive.Infra;

/// <summary>Alarms that email the topic's subscribers when something fails for good or keeps failing.</summary>
internal sealed class Alarms : Construct
{
    public Alarms(Construct scope, string id, ITopic topic)
        : base(scope, id)
    {
        ArgumentNullException.ThrowIfNull(topic);
        Action = new SnsAction(topic);
    }

    private SnsAction Action { get; }

    /// <summary>Any message in a dead-letter queue is an event the pipeline gave up on.</summary>
    public void OnDeadLetters(string name, IQueue queue)
    {
        ArgumentNullException.ThrowIfNull(queue);
        var alarm = queue.MetricApproximateNumberOfMessagesVisible(new MetricOptions
        {
            Period = Duration.Minutes(5),
            Statistic = Stats.MAXIMUM,
        }).CreateAlarm(this, name + "DeadLetters", new CreateAlarmOptions
        {
            AlarmDescription = $"{name}: a message is waiting in the dead-letter queue; the pipeline gave up on it.",
            Threshold = 1,
            EvaluationPeriods = 1,
            ComparisonOperator = ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
            TreatMissingData = TreatMissingData.NOT_BREACHING,
        });
        alarm.AddAlarmAction(Action);
    }

    /// <summary>Any invocation error within five minutes.</summary>
    public void OnErrors(string name, IFunction function)
    {
        ArgumentNullException.ThrowIfNull(function);
        var alarm = function.MetricErrors(new MetricOptions
        {
            Period = Duration.Minutes(5),
            Statistic = Stats.SUM,
        }).CreateAlarm(this, name + "Errors", new CreateAlarmOptions
        {
            AlarmDescription = $"{name}: the function returned errors.",
            Threshold = 1,
            EvaluationPeriods = 1,
            ComparisonOperator = ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
            TreatMissingData = TreatMissingData.NOT_BREACHING,
        });
        alarm.AddAlarmAction(Action);
    }
}
