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
        AlarmOnAny(
            queue.MetricApproximateNumberOfMessagesVisible(new MetricOptions { Period = Duration.Minutes(5), Statistic = Stats.MAXIMUM }),
            name + "DeadLetters",
            $"{name}: a message is waiting in the dead-letter queue; the pipeline gave up on it.");
    }

    /// <summary>Any invocation error within five minutes.</summary>
    public void OnErrors(string name, IFunction function)
    {
        ArgumentNullException.ThrowIfNull(function);
        AlarmOnAny(
            function.MetricErrors(new MetricOptions { Period = Duration.Minutes(5), Statistic = Stats.SUM }),
            name + "Errors",
            $"{name}: the function returned errors.");
    }

    /// <summary>Alarms (and emails the topic) when the metric is 1 or more in one period; no data is no trouble.</summary>
    private void AlarmOnAny(Metric metric, string id, string description)
    {
        var alarm = metric.CreateAlarm(this, id, new CreateAlarmOptions
        {
            AlarmDescription = description,
            Threshold = 1,
            EvaluationPeriods = 1,
            ComparisonOperator = ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
            TreatMissingData = TreatMissingData.NOT_BREACHING,
        });
        alarm.AddAlarmAction(Action);
    }
}
