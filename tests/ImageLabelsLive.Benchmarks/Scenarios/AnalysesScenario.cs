using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using Amazon.Rekognition;
using Amazon.Rekognition.Model;
using Amazon.Runtime;
using ImageLabelsLive.Benchmarks.Harness;

namespace ImageLabelsLive.Benchmarks.Scenarios;

/// <summary>
/// Scenario 8. What the analyses (issue 14) cost on the local stack, with two hosts started side by side: the shared
/// one with every analysis on, and one with ANALYZE_FACES, ANALYZE_TEXT, ANALYZE_MODERATION and
/// ANALYZE_IMAGE_PROPERTIES off (labels only).
/// <list type="number">
/// <item>ms per image per model: each detector operation alone, one call in flight, on the shared photos.</item>
/// <item>Pipeline throughput: a batch uploaded at once to each host in turn, everything on against labels only.</item>
/// <item>Time until labels reach the tab: one photo at a time to each host in turn; the difference against the photo's
/// slowest single analysis from (1).</item>
/// </list>
/// Every upload and call carries bytes no other call used (a few bytes after the image's end, which decoders ignore),
/// so the detector's per-photo sharing of face and text results between simultaneous calls never spans two of them.
/// </summary>
internal sealed class AnalysesScenario : IScenario
{
    private static readonly IReadOnlyDictionary<string, string> LabelsOnlySettings = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["ANALYZE_FACES"] = "false",
        ["ANALYZE_TEXT"] = "false",
        ["ANALYZE_MODERATION"] = "false",
        ["ANALYZE_IMAGE_PROPERTIES"] = "false",
    };


    public int Number => 9;

    public string Name => "analyses";

    public string Title => "Analyses: ms per model, throughput and time to labels, everything on against labels only";

    public async Task RunAsync(BenchmarkContext context, ScenarioReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(report);
        var photos = Photo.Load(context.SharedDirectory);
        if (photos.Count == 0)
        {
            report.Skipped = Photo.MissingReason;
            return;
        }
        var everything = await context.LocalHostAsync(cancellationToken).ConfigureAwait(false);
        await using var labelsOnly = await LocalHostProcess.StartAsync(context, cancellationToken, "labels-only-host", LabelsOnlySettings).ConfigureAwait(false);
        var hosts = new[] { ("everything on", everything), ("labels only", labelsOnly) };

        var models = await MeasureModelsAsync(context, everything, photos, context.Quick ? 1 : 2, report, cancellationToken).ConfigureAwait(false);

        foreach (var (_, host) in hosts)
        {
            context.Progress($"warming {host.BaseUri}: one upload of each photo");
            await TimeToLabelsAsync(host, photos, cancellationToken).ConfigureAwait(false);
        }

        // Throughput: the two hosts take turns, so a change in the machine's load falls on both.
        var batch = context.Quick ? 16 : 32;
        var rounds = context.Quick ? 1 : 2;
        var rates = hosts.ToDictionary(host => host.Item1, _ => new List<double>(), StringComparer.Ordinal);
        for (var round = 0; round < rounds; round++)
        {
            foreach (var (name, host) in hosts)
            {
                context.Progress($"throughput, {name}: {batch} uploads at once (round {round + 1} of {rounds})");
                rates[name].Add(await BatchRateAsync(host, photos, batch, cancellationToken).ConfigureAwait(false));
            }
        }
        var throughput = new TextTable("settings", "images/s per round", "median images/s", "vs labels only");
        var labelsRate = Stats.Median(rates["labels only"]);
        foreach (var (name, _) in hosts)
        {
            throughput.Add(name, string.Join(" / ", rates[name].Select(Format.Rate)), Format.Rate(Stats.Median(rates[name])), Format.Ratio(Stats.Ratio(Stats.Median(rates[name]), labelsRate)));
        }
        report.AddTable($"Pipeline throughput: {batch} uploads at once from 4 tabs, until every final record reached its tab", throughput);

        // Time to labels: one photo at a time, the hosts taking turns photo by photo.
        var times = hosts.ToDictionary(host => host.Item1, _ => new Dictionary<string, List<double>>(StringComparer.Ordinal), StringComparer.Ordinal);
        var passes = context.Quick ? 1 : 3;
        for (var pass = 0; pass < passes; pass++)
        {
            context.Progress($"time to labels, one photo at a time (pass {pass + 1} of {passes})");
            foreach (var photo in photos)
            {
                foreach (var (name, host) in hosts)
                {
                    var ms = (await TimeToLabelsAsync(host, [photo], cancellationToken).ConfigureAwait(false))[0];
                    (times[name].TryGetValue(photo.FileName, out var list) ? list : times[name][photo.FileName] = []).Add(ms);
                }
            }
        }
        var toLabels = new TextTable("photo", "labels only", "everything on", "difference", "slowest analysis alone", "difference ≤ slowest");
        var differences = new List<double>();
        var within = 0;
        foreach (var photo in photos)
        {
            var before = Stats.Median(times["labels only"][photo.FileName]);
            var after = Stats.Median(times["everything on"][photo.FileName]);
            var (slowestName, slowestMs) = models.Slowest(photo.FileName);
            differences.Add(after - before);
            within += after - before <= slowestMs ? 1 : 0;
            toLabels.Add(photo.FileName, Format.Ms(before), Format.Ms(after), Format.Ms(after - before), $"{Format.Ms(slowestMs)} ({slowestName})", after - before <= slowestMs ? "yes" : "no");
        }
        var allBefore = times["labels only"].Values.SelectMany(list => list).ToArray();
        var allAfter = times["everything on"].Values.SelectMany(list => list).ToArray();
        toLabels.Add("median of all", Format.Ms(Stats.Median(allBefore)), Format.Ms(Stats.Median(allAfter)), Format.Ms(Stats.Median(differences)), "", $"{within} of {photos.Count}");
        report.AddTable($"Time until labels reach the tab: ms from POST /api/uploads to the final record at the uploading tab, median of {passes} per photo", toLabels);

        report.Figures["msPerModel"] = models.ToJson();
        report.Figures["throughput"] = new JsonObject
        {
            ["batch"] = batch,
            ["everythingImagesPerSecond"] = Math.Round(Stats.Median(rates["everything on"]), 2),
            ["labelsOnlyImagesPerSecond"] = Math.Round(labelsRate, 2),
            ["ratio"] = Math.Round(Stats.Ratio(Stats.Median(rates["everything on"]), labelsRate), 3),
        };
        report.Figures["timeToLabelsMs"] = new JsonObject
        {
            ["labelsOnlyP50"] = Math.Round(Stats.Median(allBefore)),
            ["everythingP50"] = Math.Round(Stats.Median(allAfter)),
            ["differenceP50"] = Math.Round(Stats.Median(differences)),
            ["photosWithinSlowestAnalysis"] = within,
            ["photos"] = photos.Count,
        };
        report.Note("Labels only still runs the face and text models: DetectLabels adds the \"Face\" and \"Text\" labels from them, as ProcessImage asks for it.");
    }

    /// <summary>Each detector operation alone on every photo, one call in flight, fresh bytes for every call.</summary>
    private static async Task<ModelTimes> MeasureModelsAsync(BenchmarkContext context, LocalHostProcess host, IReadOnlyList<Photo> photos, int rounds, ScenarioReport report, CancellationToken cancellationToken)
    {
        var endpoint = host.Endpoints["rekognition"]?.GetValue<string>() ?? throw new InvalidOperationException("/local/endpoints names no rekognition endpoint.");
        using var rekognition = new AmazonRekognitionClient(
            new BasicAWSCredentials("AKIABENCHMARKEXAMPLE", "benchmark-secret"),
            new AmazonRekognitionConfig { ServiceURL = endpoint, AuthenticationRegion = "us-east-1", Timeout = TimeSpan.FromMinutes(2) });
        var operations = new (string Name, Func<MemoryStream, Task> Call)[]
        {
            ("objects", bytes => rekognition.DetectLabelsAsync(new DetectLabelsRequest
            {
                Image = new Image { Bytes = bytes },
                Features = [DetectLabelsFeatureName.GENERAL_LABELS.Value],
                Settings = new DetectLabelsSettings { GeneralLabels = new GeneralLabelsSettings { LabelExclusionFilters = ["Face", "Text"] } },
            }, cancellationToken)),
            ("properties", bytes => rekognition.DetectLabelsAsync(new DetectLabelsRequest
            {
                Image = new Image { Bytes = bytes },
                Features = [DetectLabelsFeatureName.IMAGE_PROPERTIES.Value],
            }, cancellationToken)),
            ("faces", bytes => rekognition.DetectFacesAsync(new DetectFacesRequest { Image = new Image { Bytes = bytes }, Attributes = [Amazon.Rekognition.Attribute.ALL.Value] }, cancellationToken)),
            ("text", bytes => rekognition.DetectTextAsync(new DetectTextRequest { Image = new Image { Bytes = bytes } }, cancellationToken)),
            ("moderation", bytes => rekognition.DetectModerationLabelsAsync(new DetectModerationLabelsRequest { Image = new Image { Bytes = bytes } }, cancellationToken)),
            // As ProcessImage asks with labels only: objects, plus the face and text models for the "Face" and "Text" labels.
            ("DetectLabels as sent", bytes => rekognition.DetectLabelsAsync(new DetectLabelsRequest
            {
                Image = new Image { Bytes = bytes },
                Features = [DetectLabelsFeatureName.GENERAL_LABELS.Value],
            }, cancellationToken)),
        };
        context.Progress($"ms per model: {operations.Length} operations x {photos.Count} photos x {rounds} rounds, one call at a time, on {endpoint}");
        // Every worker loads every model on first use; one pass of each operation first, not measured.
        foreach (var (_, call) in operations)
        {
            foreach (var photo in photos.Take(2))
            {
                using var warm = new MemoryStream(photo.Unique().Bytes, writable: false);
                await call(warm).ConfigureAwait(false);
            }
        }
        var times = new ModelTimes(operations.Select(operation => operation.Name).ToArray());
        for (var round = 0; round < rounds; round++)
        {
            foreach (var photo in photos)
            {
                foreach (var (name, call) in operations)
                {
                    using var bytes = new MemoryStream(photo.Unique().Bytes, writable: false);
                    var started = Stopwatch.GetTimestamp();
                    await call(bytes).ConfigureAwait(false);
                    times.Add(name, photo.FileName, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
            }
        }
        var table = new TextTable(["photo", .. times.Operations]);
        foreach (var photo in photos)
        {
            table.Add([photo.FileName, .. times.Operations.Select(operation => Format.Ms(times.Median(operation, photo.FileName)))]);
        }
        table.Add(["median of photos", .. times.Operations.Select(operation => Format.Ms(times.Median(operation)))]);
        table.Add(["max", .. times.Operations.Select(operation => Format.Ms(times.Max(operation)))]);
        report.AddTable($"ms per image per model: each detector operation alone, one call in flight, median of {rounds} per photo (DetectLabels as sent = GENERAL_LABELS with the Face and Text labels, i.e. objects + faces + text)", table);
        return times;
    }

    /// <summary>Uploads <paramref name="count"/> photos at once from 4 tabs of one feed; images per second until the last final record arrived.</summary>
    private static async Task<double> BatchRateAsync(LocalHostProcess host, IReadOnlyList<Photo> photos, int count, CancellationToken cancellationToken)
    {
        const int tabs = 4;
        using var app = new AppClient(host.BaseUri);
        var feedId = AppClient.NewFeedId();
        var finals = new ConcurrentDictionary<(int Tab, string ImageId), long>();
        await using var swarm = await SocketSwarm.ConnectAsync(new Uri($"ws://{host.BaseUri.Authority}/ws?feed={feedId}"), tabs, tabs, (tab, arrivedAt, message) =>
        {
            var (imageId, status) = PushMessages.Read(message);
            if (imageId is not null && AppClient.IsFinal(status))
            {
                finals.TryAdd((tab, imageId), arrivedAt);
            }
        }, cancellationToken).ConfigureAwait(false);
        var started = Stopwatch.GetTimestamp();
        var uploads = await Task.WhenAll(Enumerable.Range(0, count).Select(index =>
            app.UploadAsync(feedId, photos[index % photos.Count].Unique(), cancellationToken))).ConfigureAwait(false);
        await WaitAsync(() => uploads.All(upload => finals.ContainsKey((0, upload.ImageId))), TimeSpan.FromMinutes(5), cancellationToken).ConfigureAwait(false);
        var last = uploads.Max(upload => finals[(0, upload.ImageId)]);
        return count / Stopwatch.GetElapsedTime(started, last).TotalSeconds;
    }

    /// <summary>Uploads the photos one after another from one tab; for each, ms from its POST to its final record at that tab.</summary>
    private static async Task<double[]> TimeToLabelsAsync(LocalHostProcess host, IReadOnlyList<Photo> photos, CancellationToken cancellationToken)
    {
        using var app = new AppClient(host.BaseUri);
        var feedId = AppClient.NewFeedId();
        var finals = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
        await using var swarm = await SocketSwarm.ConnectAsync(new Uri($"ws://{host.BaseUri.Authority}/ws?feed={feedId}"), 1, 1, (_, arrivedAt, message) =>
        {
            var (imageId, status) = PushMessages.Read(message);
            if (imageId is not null && AppClient.IsFinal(status))
            {
                finals.TryAdd(imageId, arrivedAt);
            }
        }, cancellationToken).ConfigureAwait(false);
        var results = new double[photos.Count];
        for (var index = 0; index < photos.Count; index++)
        {
            var upload = await app.UploadAsync(feedId, photos[index].Unique(), cancellationToken).ConfigureAwait(false);
            await WaitAsync(() => finals.ContainsKey(upload.ImageId), TimeSpan.FromMinutes(2), cancellationToken).ConfigureAwait(false);
            results[index] = Stopwatch.GetElapsedTime(upload.StartedAt, finals[upload.ImageId]).TotalMilliseconds;
        }
        return results;
    }

    private static async Task WaitAsync(Func<bool> done, TimeSpan limit, CancellationToken cancellationToken)
    {
        var waited = Stopwatch.StartNew();
        while (!done())
        {
            if (waited.Elapsed > limit)
            {
                throw new TimeoutException($"Not every upload reached a final status at its tab within {limit.TotalSeconds} s.");
            }
            await Task.Delay(10, cancellationToken).ConfigureAwait(false);
        }
    }

    private sealed class ModelTimes(string[] operations)
    {
        /// <summary>The four calls ProcessImage makes side by side with every analysis on.</summary>
        private static readonly string[] SideBySide = ["DetectLabels as sent", "faces", "text", "moderation"];

        private readonly Dictionary<(string Operation, string Photo), List<double>> times = [];

        public string[] Operations => operations;

        public void Add(string operation, string photo, double ms) =>
            (times.TryGetValue((operation, photo), out var list) ? list : times[(operation, photo)] = []).Add(ms);

        public double Median(string operation, string photo) => Stats.Median(times[(operation, photo)]);

        /// <summary>The median over photos of each photo's median.</summary>
        public double Median(string operation) =>
            Stats.Median(times.Where(entry => entry.Key.Operation == operation).Select(entry => Stats.Median(entry.Value)).ToArray());

        public double Max(string operation) => times.Where(entry => entry.Key.Operation == operation).SelectMany(entry => entry.Value).Max();

        /// <summary>The slowest of the four analyses ProcessImage runs side by side, for one photo: DetectLabels as sent, faces, text, moderation.</summary>
        public (string Name, double Ms) Slowest(string photo) =>
            SideBySide
                .Select(operation => (operation, Median(operation, photo)))
                .MaxBy(pair => pair.Item2);

        public JsonObject ToJson()
        {
            var json = new JsonObject();
            foreach (var operation in operations)
            {
                json[operation] = new JsonObject { ["medianMs"] = Math.Round(Median(operation)), ["maxMs"] = Math.Round(Max(operation)) };
            }
            return json;
        }
    }
}
