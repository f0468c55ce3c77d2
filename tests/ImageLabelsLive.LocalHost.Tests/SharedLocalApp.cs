namespace ImageLabelsLive.LocalHost.Tests;

/// <summary>One local host (from the shared testing library) for the collection; xunit wants the definition in the test assembly.</summary>
[CollectionDefinition(Name)]
public sealed class SharedLocalApp : ICollectionFixture<LocalAppFixture>
{
    public const string Name = "local app";
}
