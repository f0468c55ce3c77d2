namespace ImageLabelsLive.Functions.Catalog;

/// <summary>A Lambda subscription to one of the app's SNS topics: one invocation per message.</summary>
public sealed record TopicMessages(CloudResource Topic) : FunctionTrigger
{
    public override bool IsAsynchronous => true;
}
