using System.Diagnostics;
using ImageLabelsLive.Benchmarks.Harness;
using ImageLabelsLive.Benchmarks.Scenarios;

// dotnet run -c Release --project tests/ImageLabelsLive.Benchmarks -- [scenario…] [--quick]
// Prints each scenario's figures beside a baseline measured in the same run, and updates results/latest.json.
// These are benchmarks, not tests: a missed goal is reported, never an exit code.
// Run order: the self-contained scenarios first, then those on the local stack (one host, started once),
// with the 5,000-socket fan-out last so its clean-up cannot weigh on another scenario.
IScenario[] scenarios =
[
    new FunctionStartScenario(),
    new PusherThroughputScenario(),
    new PostCostScenario(),
    new ShardedFanOutScenario(),
    new PushVsPollingScenario(),
    new PipelineThroughputScenario(),
    new AnalysesScenario(),
    new FeedQueriesScenario(),
    new FanOutScenario(),
];

var quick = args.Contains("--quick");
if (args.Any(arg => arg is "--help" or "-h"))
{
    Console.WriteLine(Usage());
    return 0;
}
var unknown = args.Where(arg => arg != "--quick" && !scenarios.Any(scenario => Matches(scenario, arg))).ToArray();
if (unknown.Length > 0)
{
    Console.Error.WriteLine($"Unknown scenario or option: {string.Join(", ", unknown)}\n{Usage()}");
    return 2;
}
var selected = args.Any(arg => arg != "--quick")
    ? scenarios.Where(scenario => args.Any(arg => Matches(scenario, arg))).ToArray()
    : scenarios;

await using var context = new BenchmarkContext(quick, Console.Out);
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, press) =>
{
    press.Cancel = true;
    cancel.Cancel();
};
Console.WriteLine($"ImageLabelsLive benchmarks{(quick ? " (quick)" : "")}: {string.Join(", ", selected.Select(scenario => scenario.Name))}");
Console.WriteLine($"machine: {Environment.ProcessorCount} cores, load average {MachineLoad.Read()}; results go to {Path.GetRelativePath(context.RepositoryRoot, context.ResultsDirectory)}/latest.json");

var reports = new List<ScenarioReport>();
var crashed = false;
foreach (var scenario in selected)
{
    var report = new ScenarioReport(scenario.Name, $"{scenario.Number}. {scenario.Title}");
    Console.WriteLine();
    Console.WriteLine($"-- running {scenario.Number}. {scenario.Title}");
    var stopwatch = Stopwatch.StartNew();
    try
    {
        await scenario.RunAsync(context, report, cancel.Token).ConfigureAwait(false);
    }
    catch (Exception exception) when (exception is not OperationCanceledException || !cancel.IsCancellationRequested)
    {
        report.Error = exception.ToString();
        crashed = true;
    }
    report.Duration = stopwatch.Elapsed;
    report.LoadAfter = MachineLoad.Read();
    Console.Write(report.Render(quick));
    reports.Add(report);
    // Written after every scenario, so an interrupted run keeps what it measured.
    ResultsFile.Merge(Path.Combine(context.ResultsDirectory, "latest.json"), [(report, quick)]);
    if (cancel.IsCancellationRequested)
    {
        break;
    }
}
Console.WriteLine();
Console.WriteLine($"wrote {Path.GetRelativePath(context.RepositoryRoot, Path.Combine(context.ResultsDirectory, "latest.json"))}");
return crashed ? 1 : 0;

string Usage() =>
    "usage: dotnet run -c Release --project tests/ImageLabelsLive.Benchmarks -- [scenario…] [--quick]\n" +
    "scenarios (by name or number; none = all):\n" +
    string.Join('\n', scenarios.OrderBy(scenario => scenario.Number).Select(scenario => $"  {scenario.Number}  {scenario.Name,-16} {scenario.Title}")) +
    "\n  --quick  fewer runs and smaller sizes, for a look rather than a figure";

static bool Matches(IScenario scenario, string arg) =>
    string.Equals(arg, scenario.Name, StringComparison.OrdinalIgnoreCase) || arg == scenario.Number.ToString(System.Globalization.CultureInfo.InvariantCulture);
