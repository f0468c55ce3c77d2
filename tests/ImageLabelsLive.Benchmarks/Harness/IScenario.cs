namespace ImageLabelsLive.Benchmarks.Harness;

/// <summary>One benchmark scenario. It measures its own baseline in the same run and fills the report.</summary>
internal interface IScenario
{
    /// <summary>Its number on the command line and in the README's table.</summary>
    int Number { get; }

    /// <summary>The name on the command line and the key in latest.json.</summary>
    string Name { get; }

    string Title { get; }

    Task RunAsync(BenchmarkContext context, ScenarioReport report, CancellationToken cancellationToken);
}
