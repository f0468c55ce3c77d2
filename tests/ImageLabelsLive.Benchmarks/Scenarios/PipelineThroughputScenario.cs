using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Amazon.Rekognition;
using Amazon.Rekognition.Model;
using Amazon.Runtime;
using ImageLabelsLive.Aws.Configuration;
using ImageLabelsLive.Aws.Detection;
using ImageLabelsLive.Benchmarks.Harness;

namespace ImageLabelsLive.Benchmarks.Scenarios;

/// <summary>
/// Scenario 4. 200 photos uploaded at once from 20 tabs of one feed (10 each) on the real local stack; each
/// counts as done when its final record reaches the tab that uploaded it; every upload is different bytes. Baseline,
/// same run: the detector alone doing the same work (ProcessImage's four calls for each image, through the production
/// Rekognition client, enough images in flight to keep both workers busy): its images per second is the ceiling, and
/// pipeline ÷ detector is the share of the detector's capacity the pipeline used.
/// </summary>
internal sealed class PipelineThroughputScenario : IScenario
{
    public int Number => 4;

    public string Name => "pipeline";

    public string Title => "Pipeline throughput: 200 images from 20 tabs at once";

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
        var tabsCount = 20;
        var perTab = context.Quick ? 3 : 10;
        var total = tabsCount * perTab;
        var host = await context.LocalHostAsync(cancellationToken).ConfigureAwait(false);

        var detector = await MeasureDetectorAsync(context, host, photos, context.Quick ? 8 : 24, cancellationToken).ConfigureAwait(false);

        using var app = new AppClient(host.BaseUri);
        var feedId = AppClient.NewFeedId();
        var finals = new ConcurrentDictionary<(int Tab, string ImageId), (long At, string Status)>();
        var processing = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
        await using var tabs = await SocketSwarm.ConnectAsync(
            new Uri($"ws://{host.BaseUri.Authority}/ws?feed={feedId}"), tabsCount, tabsCount,
            (tab, arrivedAt, message) =>
            {
                var (imageId, status) = PushMessages.Read(message);
                if (imageId is null)
                {
                    return;
                }
                if (AppClient.IsFinal(status))
                {
                    finals.TryAdd((tab, imageId), (arrivedAt, status!));
                }
                else if (status == "processing" && tab == 0)
                {
                    processing.TryAdd(imageId, arrivedAt);
                }
            },
            cancellationToken).ConfigureAwait(false);

        context.Progress($"{total} uploads at once from {tabsCount} tabs");
        var started = Stopwatch.GetTimestamp();
        var uploads = await Task.WhenAll(Enumerable.Range(0, total).Select(async index =>
        {
            var tab = index / perTab;
            var upload = await app.UploadAsync(feedId, photos[index % photos.Count].Unique(), cancellationToken).ConfigureAwait(false);
            return (Tab: tab, Upload: upload);
        })).ConfigureAwait(false);
        var uploadedAt = Stopwatch.GetTimestamp();

        // Done when every tab has every result; given up when nothing new has arrived for 30 s (images stuck
        // in processing stay stuck) or after 10 minutes (every analysis on, 200 different photos take minutes here).
        var deadline = Stopwatch.StartNew();
        var lastProgress = Stopwatch.StartNew();
        var seen = 0;
        while (deadline.Elapsed < TimeSpan.FromMinutes(10) && finals.Count < total * tabsCount && lastProgress.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(20, cancellationToken).ConfigureAwait(false);
            if (finals.Count != seen)
            {
                seen = finals.Count;
                lastProgress.Restart();
            }
        }
        var done = uploads
            .Where(item => finals.ContainsKey((item.Tab, item.Upload.ImageId)))
            .Select(item => (item.Upload, Final: finals[(item.Tab, item.Upload.ImageId)]))
            .ToArray();
        if (done.Length == 0)
        {
            throw new TimeoutException("No upload reached a final status at its tab.");
        }
        var lastAt = done.Max(item => item.Final.At);
        var wall = Stopwatch.GetElapsedTime(started, lastAt);
        var latencies = done.Select(item => Stopwatch.GetElapsedTime(item.Upload.StartedAt, item.Final.At).TotalMilliseconds).ToArray();
        var detecting = done
            .Where(item => processing.ContainsKey(item.Upload.ImageId))
            .Select(item => Stopwatch.GetElapsedTime(processing[item.Upload.ImageId], item.Final.At).TotalMilliseconds)
            .ToArray();
        var imagesPerSecond = done.Length / wall.TotalSeconds;
        var utilisation = imagesPerSecond / detector.ImagesPerSecond;
        var failed = done.Count(item => item.Final.Status == "failed");

        var table = new TextTable("run", "images", "wall", "images/s", "p50", "p95", "max", "vs detector alone");
        table.Add($"detector alone ({detector.InFlight} images in flight, ProcessImage's four calls each)", detector.Images.ToString(CultureInfo.InvariantCulture), $"{detector.Wall.TotalSeconds:0.0} s", Format.Rate(detector.ImagesPerSecond), Format.Ms(detector.P50), Format.Ms(detector.P95), Format.Ms(detector.Max), "1.00x");
        table.Add($"pipeline: {tabsCount} tabs x {perTab}, end to end", done.Length.ToString(CultureInfo.InvariantCulture), $"{wall.TotalSeconds:0.0} s", Format.Rate(imagesPerSecond), Format.Ms(Stats.Median(latencies)), Format.Ms(Stats.Percentile(latencies, 95)), Format.Ms(latencies.Max()), Format.Ratio(utilisation));
        report.AddTable("Pipeline latency: ms from an image's POST /api/uploads to its final record at its own tab; detector latency: one image's four calls side by side", table);

        var phases = new TextTable("phase", "value");
        phases.Add("all uploads (POST + PUT) answered after", $"{Stopwatch.GetElapsedTime(started, uploadedAt).TotalSeconds:0.0} s");
        phases.Add("'processing' → final push, median (detection + writes + stream)", Format.Ms(Stats.Median(detecting)) + " ms");
        phases.Add("detector utilisation (pipeline ÷ detector alone)", Format.Percent(utilisation));
        phases.Add("final records failed (e.g. throttled past retries)", failed.ToString(CultureInfo.InvariantCulture));
        phases.Add("finals seen by every tab", $"{finals.Count} of {total * tabsCount}");
        report.AddTable("Where the time went", phases);

        report.Figures["images"] = total;
        report.Figures["completed"] = done.Length;
        report.Figures["failed"] = failed;
        report.Figures["wallSeconds"] = Math.Round(wall.TotalSeconds, 2);
        report.Figures["imagesPerSecond"] = Math.Round(imagesPerSecond, 2);
        report.Figures["latencyMs"] = new JsonObject { ["p50"] = Math.Round(Stats.Median(latencies)), ["p95"] = Math.Round(Stats.Percentile(latencies, 95)), ["max"] = Math.Round(latencies.Max()) };
        report.Figures["detectorAlone"] = new JsonObject { ["images"] = detector.Images, ["inFlight"] = detector.InFlight, ["imagesPerSecond"] = Math.Round(detector.ImagesPerSecond, 2), ["p50Ms"] = Math.Round(detector.P50) };
        report.Figures["detectorUtilisation"] = Math.Round(utilisation, 3);
        report.GoalAtLeast("≥ 6 images/s end to end with the two-worker detector", imagesPerSecond, 6, "images/s");
        report.GoalAtLeast("≥ 0.9× the detector-alone rate of the same run", utilisation, 0.9, "×");
        if (done.Length < total)
        {
            report.Note($"only {done.Length} of {total} uploads reached a final status at their tab; the rest stayed in 'processing' (nothing new for 30 s). See the host log (bin/work/host.log) for the S3 notifications given up.");
        }
    }

    /// <summary>
    /// The detector doing what the pipeline asks of it for each image, without S3 events, tables or pushes: the four
    /// calls ProcessImage makes side by side with every analysis on (the local host's default), on fresh bytes each
    /// time as the uploads are, so neither side reuses an analysis the detector shares among calls for the same bytes.
    /// </summary>
    private static async Task<DetectorRun> MeasureDetectorAsync(BenchmarkContext context, LocalHostProcess host, IReadOnlyList<Photo> photos, int images, CancellationToken cancellationToken)
    {
        var endpoint = host.Endpoints["rekognition"]?.GetValue<string>() ?? throw new InvalidOperationException("/local/endpoints names no rekognition endpoint.");
        using var rekognition = new AmazonRekognitionClient(
            new BasicAWSCredentials("AKIABENCHMARKEXAMPLE", "benchmark-secret"),
            new AmazonRekognitionConfig { ServiceURL = endpoint, AuthenticationRegion = "us-east-1", Timeout = TimeSpan.FromMinutes(2) });
        var settings = new FunctionSettings();
        async Task<double> AnalyzeAsync(Photo photo)
        {
            var bytes = photo.Unique().Bytes;
            using var forLabels = new MemoryStream(bytes, writable: false);
            using var forFaces = new MemoryStream(bytes, writable: false);
            using var forText = new MemoryStream(bytes, writable: false);
            using var forModeration = new MemoryStream(bytes, writable: false);
            var started = Stopwatch.GetTimestamp();
            await Task.WhenAll(
                rekognition.DetectLabelsAsync(new DetectLabelsRequest
                {
                    Image = new Image { Bytes = forLabels },
                    Features = [DetectLabelsFeatureName.GENERAL_LABELS.Value, DetectLabelsFeatureName.IMAGE_PROPERTIES.Value],
                    MaxLabels = settings.MaxLabels,
                    MinConfidence = settings.MinConfidence,
                    Settings = new DetectLabelsSettings { ImageProperties = new DetectLabelsImagePropertiesSettings { MaxDominantColors = 5 } },
                }, cancellationToken),
                rekognition.DetectFacesAsync(new DetectFacesRequest { Image = new Image { Bytes = forFaces }, Attributes = [Amazon.Rekognition.Attribute.ALL.Value] }, cancellationToken),
                rekognition.DetectTextAsync(new DetectTextRequest { Image = new Image { Bytes = forText } }, cancellationToken),
                rekognition.DetectModerationLabelsAsync(new DetectModerationLabelsRequest { Image = new Image { Bytes = forModeration }, MinConfidence = RekognitionImageAnalyzer.ModerationMinConfidence }, cancellationToken))
                .ConfigureAwait(false);
            return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }
        // Two images per worker keeps both busy without reaching the detector's queue limit.
        const int inFlight = 4;
        // A detector just started is slower: by itself it did 4.1 images/s over its first 24 images and 4.5 after 50.
        // The burst that follows runs on a warm one, so the baseline is measured warm too: as many images again first.
        context.Progress($"detector alone: {images} images to warm up, then {images} measured, ProcessImage's four calls each, on {endpoint}");
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = inFlight, CancellationToken = cancellationToken };
        Task RoundAsync(ConcurrentBag<double> into) => Parallel.ForAsync(0, images, parallel, async (index, _) =>
            into.Add(await AnalyzeAsync(photos[index % photos.Count]).ConfigureAwait(false)));
        await RoundAsync([]).ConfigureAwait(false);
        var latencies = new ConcurrentBag<double>();
        var wall = Stopwatch.StartNew();
        await RoundAsync(latencies).ConfigureAwait(false);
        wall.Stop();
        var all = latencies.ToArray();
        return new DetectorRun(images, inFlight, wall.Elapsed, images / wall.Elapsed.TotalSeconds, Stats.Median(all), Stats.Percentile(all, 95), all.Max());
    }

    private sealed record DetectorRun(int Images, int InFlight, TimeSpan Wall, double ImagesPerSecond, double P50, double P95, double Max);
}
