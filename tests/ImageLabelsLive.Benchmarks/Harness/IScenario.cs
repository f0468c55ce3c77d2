namespace ImageLabelsLive.Benchmarks.Harness;

/// <summary>One of the five scenarios. It measures its own baseline in the same run and fills the report.</summary>
internal interface IScenario
{
    /// <summary>The number in the issue (1–5).</summary>
    int Number { get; }

    /// <summary>The name on the command line and the key in latest.json.</summary>
    string Name { get; }

    string Title { get; }

    Task RunAsync(BenchmarkContext context, ScenarioReport report, CancellationToken cancellationToken);
}
