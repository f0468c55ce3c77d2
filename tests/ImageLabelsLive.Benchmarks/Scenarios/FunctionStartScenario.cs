using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Text.Json.Nodes;
using ImageLabelsLive.Benchmarks.Harness;

namespace ImageLabelsLive.Benchmarks.Scenarios;

/// <summary>
/// Scenario 5. For each function's entry point: time from process start to the first handled event, as a
/// Lambda cold start pays it (the runtime starts, loads the functions assembly, constructs the handler, reads
/// one event, answers). Each run is a fresh `dotnet exec` of the FunctionStart runner under the publish
/// output's own deps.json and runtimeconfig.json, exactly how Lambda's managed runtime starts its bootstrap.
/// Baseline: the same runtime starting the runner with nothing to load (--none).
/// Also the publish output's size, and what ReadyToRun, TieredPGO, TieredCompilation and trimming change.
/// </summary>
internal sealed class FunctionStartScenario : IScenario
{
    private const string FunctionsAssembly = "ImageLabelsLive.Functions";
    private const string BareRuntime = "(bare runtime)";

    public int Number => 5;

    public string Name => "function-start";

    public string Title => "Function start: process start to first handled event";

    /// <summary>
    /// Each function with an event that runs its real entry point (JSON in, construction with all its AWS
    /// clients, handler, JSON out) but stops before any network call, and the answer that proves it did.
    /// </summary>
    private static readonly FunctionUnderTest[] Functions =
    [
        new("UploadUrl", "UploadUrl.UploadUrlFunction", "POST /uploads, image/gif: body parsed, validated, 400 UnsupportedContentType; DynamoDB+S3 clients built", "UnsupportedContentType"),
        new("ListFeedImages", "ListFeedImages.ListFeedImagesFunction", "GET /feeds/{bad id}/images: 400 InvalidFeedId; DynamoDB client built", "InvalidFeedId"),
        new("GetImage", "GetImage.GetImageFunction", "GET /images/{malformed id}: 404 ImageNotFound without a read; DynamoDB client built", "ImageNotFound"),
        new("Connect", "Connect.ConnectFunction", "$connect ?feed=too-short: 400, upgrade refused; DynamoDB client built", "\"statusCode\":400"),
        new("Disconnect", "Disconnect.DisconnectFunction", "$disconnect without connectionId: 400 before DeleteItem; DynamoDB client built", "no requestContext.connectionId"),
        new("DefaultRoute", "DefaultRoute.DefaultRouteFunction", "$default ping without connectionId: 400 before the message is counted; DynamoDB+management clients built", "no requestContext.connectionId"),
        new("ProcessImage", "ProcessImage.ProcessImageFunction", "S3 ObjectCreated for a key outside uploads/: NotOurs; DynamoDB+S3+Rekognition clients built", "{}"),
        new("PushResults", "PushResults.PushResultsFunction", "stream MODIFY, status unchanged: images read, no push; DynamoDB+management clients built", "\"batchItemFailures\":[]"),
        new("NotifyResults", "NotifyResults.NotifyResultsFunction", "stream MODIFY uploading->processing: not a result, no email; DynamoDB+SNS clients built", "\"batchItemFailures\":[]"),
    ];

    /// <summary>Dummy settings: every variable a constructor requires, and static credentials so no provider looks further.</summary>
    private static readonly Dictionary<string, string?> FunctionEnvironment = new(StringComparer.Ordinal)
    {
        ["IMAGES_TABLE"] = "Images",
        ["CONNECTIONS_TABLE"] = "Connections",
        ["UPLOAD_BUCKET"] = "bench-uploads",
        ["TOPIC_ARN"] = "arn:aws:sns:us-east-1:000000000000:image-results",
        ["CONNECTIONS_ENDPOINT"] = "https://bench.execute-api.us-east-1.amazonaws.com/prod",
        ["SITE_URL"] = "https://bench.example/",
        ["AWS_REGION"] = "us-east-1",
        ["AWS_ACCESS_KEY_ID"] = "AKIABENCHMARKEXAMPLE",
        ["AWS_SECRET_ACCESS_KEY"] = "benchmark/secret/not/used/for/anything",
        ["AWS_EC2_METADATA_DISABLED"] = "true",
        // Runtime knobs the caller's environment might carry would skew every run.
        ["DOTNET_TieredPGO"] = null,
        ["DOTNET_TieredCompilation"] = null,
        ["DOTNET_ReadyToRun"] = null,
        ["DOTNET_TC_QuickJitForLoops"] = null,
    };

    public async Task RunAsync(BenchmarkContext context, ScenarioReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(report);
        var root = Path.Combine(context.WorkDirectory, "function-start");
        var runnerDirectory = Path.Combine(root, "runner");
        var runnerProject = Path.Combine(context.BenchmarkDirectory, "FunctionStart", "ImageLabelsLive.Benchmarks.FunctionStart.csproj");
        context.Progress("building the start runner");
        await ChildProcess.DotnetAsync(context, "build", runnerProject, "-c", "Release", "-o", runnerDirectory).ConfigureAwait(false);
        var runner = Path.Combine(runnerDirectory, "ImageLabelsLive.Benchmarks.FunctionStart.dll");

        var publishes = new List<Publish>
        {
            new("portable", "framework-dependent, no RID (what the CDK app deploys)", []),
            new("r2r-x64", "framework-dependent, -r linux-x64, PublishReadyToRun", ["-r", "linux-x64", "--self-contained", "false", "-p:PublishReadyToRun=true"]),
        };
        if (!context.Quick)
        {
            publishes.Add(new("r2r-arm64", "framework-dependent, -r linux-arm64, PublishReadyToRun (Lambda's arm64)", ["-r", "linux-arm64", "--self-contained", "false", "-p:PublishReadyToRun=true"]));
            publishes.Add(new("trimmed-x64", "self-contained, -r linux-x64, PublishTrimmed (size only: needs a custom runtime)", [
                "-r", "linux-x64", "--self-contained", "true", "-p:PublishTrimmed=true",
                "-p:CustomAfterMicrosoftCommonTargets=" + Path.Combine(context.BenchmarkDirectory, "FunctionStart", "RootFunctionsForTrimming.targets"),
            ]));
        }
        var sizes = new TextTable("publish", "what", "files", "folder", "without .pdb", "zip (deflate)", "publish time");
        var sizeFigures = new JsonObject();
        foreach (var publish in publishes)
        {
            context.Progress($"dotnet publish {FunctionsAssembly} ({publish.Name})");
            publish.Directory = Path.Combine(root, publish.Name, "out");
            if (Directory.Exists(publish.Directory))
            {
                Directory.Delete(publish.Directory, recursive: true);
            }
            try
            {
                var outcome = await ChildProcess.DotnetAsync(context, [
                    "publish", Path.Combine(context.RepositoryRoot, "functions", FunctionsAssembly, FunctionsAssembly + ".csproj"),
                    "-c", "Release", "--artifacts-path", Path.Combine(root, publish.Name, "artifacts"), "-o", publish.Directory, .. publish.Arguments,
                ]).ConfigureAwait(false);
                var size = PublishSize.Measure(publish.Directory);
                sizes.Add(publish.Name, publish.Description, size.Files.ToString(CultureInfo.InvariantCulture), Format.Megabytes(size.Bytes), Format.Megabytes(size.BytesWithoutPdb), Format.Megabytes(size.ZipBytes), $"{outcome.Elapsed.TotalSeconds:0} s");
                sizeFigures[publish.Name] = new JsonObject { ["files"] = size.Files, ["bytes"] = size.Bytes, ["bytesWithoutPdb"] = size.BytesWithoutPdb, ["zipBytes"] = size.ZipBytes };
                publish.Size = size;
            }
            catch (InvalidOperationException failure)
            {
                // What this registry lacks (runtime packs for a RID) is a finding, not a crash.
                var reason = FirstError(failure.Message);
                sizes.Add(publish.Name, publish.Description, "-", "failed", "-", "-", reason);
                sizeFigures[publish.Name] = new JsonObject { ["failed"] = reason };
                report.Note($"publish {publish.Name} failed here: {reason}");
                publish.Directory = null;
            }
        }
        report.AddTable("Publish output of ImageLabelsLive.Functions (one assembly serves all nine functions, so each function's package is this one)", sizes);
        report.Figures["publish"] = sizeFigures;

        var portable = publishes.Single(publish => publish.Name == "portable");
        var r2r = publishes.Single(publish => publish.Name == "r2r-x64");
        var configurations = new List<StartConfiguration>
        {
            new("portable", portable, []),
            new("portable PGO off", portable, new() { ["DOTNET_TieredPGO"] = "0" }),
            new("portable TC off", portable, new() { ["DOTNET_TieredCompilation"] = "0" }),
            new("R2R", r2r, []),
            new("R2R PGO off", r2r, new() { ["DOTNET_TieredPGO"] = "0" }),
            new("R2R TC off", r2r, new() { ["DOTNET_TieredCompilation"] = "0" }),
        };
        if (context.Quick)
        {
            configurations.RemoveAll(configuration => configuration.Name is not ("portable" or "R2R"));
        }
        configurations.RemoveAll(configuration => configuration.Publish.Directory is null);
        if (configurations.Count == 0)
        {
            report.Error = "no publish output could be started";
            return;
        }

        var runs = context.Quick ? 3 : 7;
        var entries = Functions.Select(function => function.Name).Prepend(BareRuntime).ToArray();
        var samples = configurations.ToDictionary(configuration => configuration, _ => entries.ToDictionary(entry => entry, _ => new List<StartSample>()));
        context.Progress($"{runs} cold starts of {entries.Length} entry points under {configurations.Count} configurations ({runs * entries.Length * configurations.Count} processes)");
        // Round-robin, so background load on this shared machine lands on every configuration alike.
        for (var run = 0; run < runs; run++)
        {
            foreach (var configuration in configurations)
            {
                foreach (var entry in entries)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var function = Functions.FirstOrDefault(candidate => candidate.Name == entry);
                    samples[configuration][entry].Add(await StartOnceAsync(runner, runnerDirectory, configuration, function).ConfigureAwait(false));
                }
            }
        }

        var deployed = configurations[0];
        var bareMedian = Stats.Median(samples[deployed][BareRuntime].Select(sample => sample.FirstEvent).ToArray());
        var breakdown = new TextTable("function", "median", "min", "max", "runtime→Main", "type load", "construct", "1st event", "2nd event", "vs bare runtime");
        foreach (var entry in entries)
        {
            var list = samples[deployed][entry];
            double Median(Func<StartSample, double> pick) => Stats.Median(list.Select(pick).ToArray());
            var total = Median(sample => sample.FirstEvent);
            breakdown.Add(
                entry,
                Format.Ms(total),
                Format.Ms(list.Min(sample => sample.FirstEvent)),
                Format.Ms(list.Max(sample => sample.FirstEvent)),
                Format.Ms(Median(sample => sample.Main)),
                Format.Ms(Median(sample => sample.Loaded - sample.Main)),
                Format.Ms(Median(sample => sample.Constructed - sample.Loaded)),
                Format.Ms(Median(sample => sample.FirstEvent - sample.Constructed)),
                Format.Ms(Median(sample => sample.SecondEvent)),
                Format.Ratio(Stats.Ratio(total, bareMedian)));
        }
        report.AddTable($"Portable publish (as deployed): ms from process start, median of {runs} child processes; columns after max are medians of each step", breakdown);

        var comparison = new TextTable(["function", .. configurations.Select(configuration => configuration.Name)]);
        var figures = new JsonObject();
        var medians = configurations.ToDictionary(configuration => configuration, configuration =>
            entries.ToDictionary(entry => entry, entry => Stats.Median(samples[configuration][entry].Select(sample => sample.FirstEvent).ToArray())));
        foreach (var entry in entries)
        {
            comparison.Add([entry, .. configurations.Select(configuration => Format.Ms(medians[configuration][entry]))]);
        }
        double Slowest(StartConfiguration configuration) => Functions.Max(function => medians[configuration][function.Name]);
        double Typical(StartConfiguration configuration) => Stats.Median(Functions.Select(function => medians[configuration][function.Name]).ToArray());
        comparison.Add(["median of the 9", .. configurations.Select(configuration => Format.Ms(Typical(configuration)))]);
        comparison.Add(["slowest of the 9", .. configurations.Select(configuration => Format.Ms(Slowest(configuration)))]);
        comparison.Add(["median vs portable", .. configurations.Select(configuration => Format.Ratio(Stats.Ratio(Typical(configuration), Typical(deployed))))]);
        report.AddTable("Start to first handled event by configuration: median ms (PGO/TC off = DOTNET_TieredPGO=0 / DOTNET_TieredCompilation=0)", comparison);

        foreach (var configuration in configurations)
        {
            var byFunction = new JsonObject();
            foreach (var entry in entries)
            {
                var list = samples[configuration][entry];
                byFunction[entry] = new JsonObject
                {
                    ["medianMs"] = Math.Round(medians[configuration][entry], 1),
                    ["runsMs"] = new JsonArray([.. list.Select(sample => (JsonNode)JsonValue.Create(Math.Round(sample.FirstEvent, 1)))]),
                    ["mainMs"] = Math.Round(Stats.Median(list.Select(sample => sample.Main).ToArray()), 1),
                    ["secondEventMs"] = Math.Round(Stats.Median(list.Select(sample => sample.SecondEvent).ToArray()), 2),
                };
            }
            figures[configuration.Name] = byFunction;
        }
        report.Figures["startMs"] = figures;
        report.Figures["runsPerFunction"] = runs;
        report.Figures["events"] = new JsonObject(Functions.Select(function => KeyValuePair.Create(function.Name, (JsonNode?)JsonValue.Create(function.Exercises))));

        report.GoalAtMost("start to first event ≤ 250 ms, slowest function, portable (as deployed)", Slowest(deployed), 250, "ms");
        if (configurations.FirstOrDefault(configuration => configuration.Name == "R2R") is { } readyToRun)
        {
            report.GoalAtMost("start to first event ≤ 250 ms, slowest function, ReadyToRun", Slowest(readyToRun), 250, "ms");
        }
        if (portable.Size is { } portableSize)
        {
            report.GoalAtMost("publish output ≤ 10 MB, portable (as deployed)", portableSize.Bytes / 1024.0 / 1024.0, 10, "MB");
        }
        if (r2r.Size is { } r2rSize)
        {
            report.GoalAtMost("publish output ≤ 10 MB, ReadyToRun linux-x64", r2rSize.Bytes / 1024.0 / 1024.0, 10, "MB");
        }
        foreach (var function in Functions)
        {
            report.Note($"{function.Name}: {function.Exercises}");
        }
        report.Note("Trimming needs a self-contained publish, which Lambda's managed dotnet runtime does not run (it wants a custom runtime with a bootstrap); its size is shown, its start is not measured.");
    }

    private static async Task<StartSample> StartOnceAsync(string runner, string runnerDirectory, StartConfiguration configuration, FunctionUnderTest? function)
    {
        var publishDirectory = configuration.Publish.Directory!;
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = publishDirectory,
        };
        foreach (var argument in new[]
        {
            "exec",
            "--depsfile", Path.Combine(publishDirectory, FunctionsAssembly + ".deps.json"),
            "--runtimeconfig", Path.Combine(publishDirectory, FunctionsAssembly + ".runtimeconfig.json"),
            runner,
        })
        {
            start.ArgumentList.Add(argument);
        }
        if (function is null)
        {
            start.ArgumentList.Add("--none");
        }
        else
        {
            start.ArgumentList.Add($"{FunctionsAssembly}::{FunctionsAssembly}.{function.TypeName}::HandleAsync");
            start.ArgumentList.Add(Path.Combine(runnerDirectory, "Events", function.Name + ".json"));
        }
        foreach (var (name, value) in FunctionEnvironment.Concat(configuration.Environment))
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }
        var origin = Stopwatch.GetTimestamp();
        start.Environment["ILL_BENCH_T0"] = origin.ToString(CultureInfo.InvariantCulture);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start dotnet.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        var output = await stdout.ConfigureAwait(false);
        var line = output.Split('\n').LastOrDefault(candidate => candidate.StartsWith("main=", StringComparison.Ordinal));
        if (process.ExitCode != 0 || line is null)
        {
            throw new InvalidOperationException($"{function?.Name ?? BareRuntime} ({configuration.Name}) exited {process.ExitCode}: {output}{await stderr.ConfigureAwait(false)}");
        }
        var parts = line.Split('\t', 2);
        if (function is not null && (parts.Length < 2 || !parts[1].Contains(function.ExpectedAnswer, StringComparison.Ordinal)))
        {
            throw new InvalidOperationException($"{function.Name} answered something other than the path it is meant to measure: {line}");
        }
        var timings = parts[0].Split(' ').Select(pair => pair.Split('=')).ToDictionary(pair => pair[0], pair => double.Parse(pair[1], CultureInfo.InvariantCulture));
        var main = timings["main"];
        return new StartSample(
            main,
            timings.GetValueOrDefault("loaded", main),
            timings.GetValueOrDefault("constructed", main),
            timings["firstEvent"],
            timings.GetValueOrDefault("secondEventMs", 0));
    }

    /// <summary>The first "error CODE: text" of a failed dotnet command, short enough for a table cell.</summary>
    private static string FirstError(string message)
    {
        var line = message.Split('\n').Select(candidate => candidate.Trim()).FirstOrDefault(candidate => candidate.Contains("error ", StringComparison.Ordinal)) ?? message.Split('\n')[0];
        var start = line.IndexOf("error ", StringComparison.Ordinal);
        var error = start >= 0 ? line[start..] : line;
        var sentence = error.IndexOf(". ", StringComparison.Ordinal);
        error = sentence > 0 ? error[..(sentence + 1)] : error;
        return error.Length > 120 ? error[..120] + "…" : error;
    }

    private sealed record FunctionUnderTest(string Name, string TypeName, string Exercises, string ExpectedAnswer);

    private sealed record StartSample(double Main, double Loaded, double Constructed, double FirstEvent, double SecondEvent);

    private sealed record StartConfiguration(string Name, Publish Publish, Dictionary<string, string?> Environment);

    private sealed class Publish(string name, string description, string[] arguments)
    {
        public string Name => name;

        public string Description => description;

        public string[] Arguments => arguments;

        public string? Directory { get; set; }

        public PublishSize? Size { get; set; }
    }
}

/// <summary>A publish folder's size as Lambda would see it: files, bytes, and the zip that would be uploaded.</summary>
internal sealed record PublishSize(int Files, long Bytes, long BytesWithoutPdb, long ZipBytes)
{
    public static PublishSize Measure(string directory)
    {
        var files = Directory.GetFiles(directory, "*", SearchOption.AllDirectories);
        var bytes = files.Sum(file => new FileInfo(file).Length);
        var withoutPdb = files.Where(file => !file.EndsWith(".pdb", StringComparison.OrdinalIgnoreCase)).Sum(file => new FileInfo(file).Length);
        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var file in files)
            {
                archive.CreateEntryFromFile(file, Path.GetRelativePath(directory, file), CompressionLevel.Optimal);
            }
        }
        return new PublishSize(files.Length, bytes, withoutPdb, zip.Length);
    }
}
