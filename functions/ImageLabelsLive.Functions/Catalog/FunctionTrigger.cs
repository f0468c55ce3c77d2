namespace ImageLabelsLive.Functions.Catalog;

/// <summary>What invokes a function. The CDK app wires it on AWS; the local host plays the same service.</summary>
public abstract record FunctionTrigger
{
    /// <summary>
    /// Invoked asynchronously (S3 notifications, SNS): Lambda retries twice, then the event goes to the function's
    /// dead-letter queue. Synchronous callers (the APIs) and pollers (streams) handle failures themselves.
    /// </summary>
    public virtual bool IsAsynchronous => false;
}
