namespace ImageLabelsLive.Functions.Catalog;

/// <summary>A run every <paramref name="Interval"/> (an EventBridge rule on AWS, a timer locally).</summary>
public sealed record ScheduledRun(TimeSpan Interval) : FunctionTrigger;
