namespace ImageLabelsLive.Functions.Catalog;

/// <summary>The actions a function may call on one resource, and nothing wider.</summary>
public sealed record ResourceAccess(CloudResource Resource, params string[] Actions);
