namespace ImageLabelsLive.Functions.Catalog;

/// <summary>ObjectCreated notifications of the upload bucket, for keys under <paramref name="Prefix"/>.</summary>
public sealed record S3ObjectCreated(string Prefix) : FunctionTrigger
{
    public override bool IsAsynchronous => true;
}
