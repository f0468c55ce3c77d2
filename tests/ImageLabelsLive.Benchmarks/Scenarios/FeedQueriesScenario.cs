using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using Amazon.S3;
using ImageLabelsLive.Aws.DynamoDb;
using ImageLabelsLive.Aws.FeedIndex;
using ImageLabelsLive.Aws.S3;
using ImageLabelsLive.Benchmarks.Harness;
using ImageLabelsLive.Core.Export;
using ExportFormat = ImageLabelsLive.Core.Export.ExportFormat;
using ImageLabelsLive.Core.Images;

namespace ImageLabelsLive.Benchmarks.Scenarios;

/// <summary>
/// Feed queries at 1,000 and 10,000 images on the real local stack: records are written through the local DynamoDB
/// endpoint (the stream indexes them as real results), then the first page, a rare label (20 dogs), an AND filter and
/// the label counts are timed over HTTP; and each feed is exported in this process with the same handler and adapters
/// the function uses (pages to a temporary file, the file to the local bucket, a presigned link), its allocations and
/// peak managed heap measured.
/// </summary>
internal sealed class FeedQueriesScenario : IScenario
{
    private const int Repeats = 25;

    public int Number => 8;

    public string Name => "feed-queries";

    public string Title => "Feed queries: list, filter and label counts at 1,000 and 10,000 images; export memory";

    public async Task RunAsync(BenchmarkContext context, ScenarioReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(report);
        var host = await context.LocalHostAsync(cancellationToken).ConfigureAwait(false);
        var endpoint = host.Endpoints["dynamodb"]!.GetValue<string>();
        var imagesTable = host.Endpoints["imagesTable"]!.GetValue<string>();
        using var dynamoDb = new AmazonDynamoDBClient(new BasicAWSCredentials("bench", "bench"), new AmazonDynamoDBConfig
        {
            ServiceURL = endpoint,
            AuthenticationRegion = host.Endpoints["region"]!.GetValue<string>(),
        });
        using var http = new HttpClient { BaseAddress = host.BaseUri, Timeout = TimeSpan.FromMinutes(5) };
        var table = new TextTable("images", "query", "p50 ms", "p95 ms", "returned");
        var feeds = new List<(int Size, string FeedId)>();
        foreach (var size in context.Quick ? new[] { 1_000, 2_000 } : [1_000, 10_000])
        {
            var feedId = AppClient.NewFeedId();
            context.Progress($"seeding {size:N0} images");
            var seeding = Stopwatch.StartNew();
            await SeedAsync(dynamoDb, imagesTable, feedId, size, cancellationToken).ConfigureAwait(false);
            var written = seeding.Elapsed;
            await WaitForIndexAsync(http, feedId, size, cancellationToken).ConfigureAwait(false);
            context.Progress($"seeded in {written.TotalSeconds:0.0} s, indexed after {seeding.Elapsed.TotalSeconds:0.0} s");
            report.Figures[$"indexSeconds{size}"] = Math.Round(seeding.Elapsed.TotalSeconds, 1);
            foreach (var (name, path) in new[]
            {
                ("first page (limit 50)", $"api/feeds/{feedId}/images?limit=50"),
                ("label=Dog (20 of them)", $"api/feeds/{feedId}/images?limit=50&label=Dog"),
                ("label=Dog&label=Person", $"api/feeds/{feedId}/images?limit=50&label=Dog&label=Person"),
                ("label counts", $"api/feeds/{feedId}/labels"),
            })
            {
                var (p50, p95, returned) = await TimeAsync(http, path, cancellationToken).ConfigureAwait(false);
                table.Add(size.ToString("N0", CultureInfo.InvariantCulture), name, p50.ToString("0.0", CultureInfo.InvariantCulture), p95.ToString("0.0", CultureInfo.InvariantCulture), returned);
                report.Figures[$"{Key(name)}P50Ms{size}"] = Math.Round(p50, 1);
                report.Figures[$"{Key(name)}P95Ms{size}"] = Math.Round(p95, 1);
            }
            feeds.Add((size, feedId));
        }
        report.AddTable("latency over HTTP, 25 requests each after 3 warm-ups", table);

        context.Progress("exporting each feed in this process (CSV and JSON), as the function does");
        var queries = new DynamoDbFeedQueries(dynamoDb, imagesTable, "FeedIndex");
        using var s3 = new AmazonS3Client(new BasicAWSCredentials("bench", "bench"), new AmazonS3Config
        {
            ServiceURL = host.Endpoints["s3"]!.GetValue<string>(),
            AuthenticationRegion = host.Endpoints["region"]!.GetValue<string>(),
            ForcePathStyle = true,
        });
        var export = new ExportFeedHandler(queries, new S3UploadedObjects(s3, host.Endpoints["uploadBucket"]!.GetValue<string>()), TimeProvider.System);
        var exports = new TextTable("images", "format", "bytes", "seconds", "allocated MB", "peak managed heap growth MB");
        foreach (var ((size, feedId), format) in feeds.SelectMany(feed => new[] { ExportFormat.Csv, ExportFormat.Json }.Select(format => (feed, format))))
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            var baseline = GC.GetTotalMemory(forceFullCollection: true);
            var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
            long peak = 0;
            using var sampling = new CancellationTokenSource();
            var sampler = Task.Run(async () =>
            {
                while (!sampling.IsCancellationRequested)
                {
                    peak = Math.Max(peak, GC.GetTotalMemory(false) - baseline);
                    await Task.Delay(5, CancellationToken.None).ConfigureAwait(false);
                }
            }, CancellationToken.None);
            var stopwatch = Stopwatch.StartNew();
            // The whole request: every page into a temporary file, the file into the bucket, the presigned link.
            var (download, error) = await export.HandleAsync(feedId, format.Name, cancellationToken).ConfigureAwait(false);
            stopwatch.Stop();
            await sampling.CancelAsync().ConfigureAwait(false);
            await sampler.ConfigureAwait(false);
            var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
            if (download is null)
            {
                throw new InvalidOperationException($"The {format.Name} export failed: {error?.Code} {error?.Message}");
            }
            // Counted after the measurement, by downloading the file as a browser would.
            using var file = await http.GetAsync(download, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            file.EnsureSuccessStatusCode();
            long bytes = 0;
            var body = await file.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (body.ConfigureAwait(false))
            {
                var buffer = new byte[81920];
                int read;
                while ((read = await body.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    bytes += read;
                }
            }
            exports.Add(size.ToString("N0", CultureInfo.InvariantCulture), format.Name, bytes.ToString("N0", CultureInfo.InvariantCulture), stopwatch.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture),
                (allocated / 1048576.0).ToString("0", CultureInfo.InvariantCulture), (peak / 1048576.0).ToString("0.0", CultureInfo.InvariantCulture));
            report.Figures[$"export{format.Name}Bytes{size}"] = bytes;
            report.Figures[$"export{format.Name}PeakHeapGrowthMB{size}"] = Math.Round(peak / 1048576.0, 1);
            report.Figures[$"export{format.Name}AllocatedMB{size}"] = Math.Round(allocated / 1048576.0, 0);
        }
        report.AddTable("export of each feed: pages to a temporary file, the file to the bucket, a presigned link", exports);
        report.Note("The export holds one page (100 records) at a time: compare the peak managed heap growth of the small and the large feed. It counts garbage not yet collected, so it is an upper bound.");
    }

    private static string Key(string name) => new(name.Where(char.IsLetterOrDigit).ToArray());

    private static async Task SeedAsync(AmazonDynamoDBClient dynamoDb, string table, string feedId, int size, CancellationToken cancellationToken)
    {
        var start = new DateTimeOffset(2026, 11, 1, 8, 0, 0, TimeSpan.Zero);
        var dogs = Enumerable.Range(0, 20).Select(i => i * (size / 20)).ToHashSet();
        var items = Enumerable.Range(0, size).Select(i =>
        {
            var at = start.AddSeconds(i);
            var labels = new List<Label>();
            if (i % 2 == 0)
            {
                labels.Add(new Label("Person", 90, [], [new LabelInstance(90, new BoundingBox(0.1, 0.1, 0.3, 0.6))]));
            }
            if (dogs.Contains(i))
            {
                labels.Add(new Label("Dog", 85, ["Animal", "Pet"], []));
            }
            if (i % 3 == 0)
            {
                labels.Add(new Label("Car", 75, ["Vehicle"], []));
            }
            var record = new ImageRecord
            {
                ImageId = ImageIds.New(), FeedId = feedId, FileName = $"photo-{i:00000}.jpg", ContentType = "image/jpeg", Size = 200_000 + i,
                Status = ImageStatus.Labeled, Labels = labels, CreatedAt = at, UpdatedAt = at,
            };
            var item = ImageItems.ToItem(record);
            item[ImageItems.NotifiedAt] = new AttributeValue { S = "2026-11-01T08:00:00.000Z" };
            return new WriteRequest { PutRequest = new PutRequest { Item = item } };
        }).Chunk(25).ToArray();
        await Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken }, async (chunk, token) =>
        {
            var pending = new Dictionary<string, List<WriteRequest>>(StringComparer.Ordinal) { [table] = [.. chunk] };
            while (pending.Count > 0)
            {
                var response = await dynamoDb.BatchWriteItemAsync(new BatchWriteItemRequest { RequestItems = pending }, token).ConfigureAwait(false);
                pending = response.UnprocessedItems is { Count: > 0 } left ? left : [];
            }
        }).ConfigureAwait(false);
    }

    private static async Task WaitForIndexAsync(HttpClient http, string feedId, int size, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromMinutes(20))
        {
            var labels = JsonNode.Parse(await http.GetStringAsync(new Uri($"api/feeds/{feedId}/labels", UriKind.Relative), cancellationToken).ConfigureAwait(false))!;
            if (labels["images"]!.GetValue<long>() >= size)
            {
                return;
            }
            await Task.Delay(500, cancellationToken).ConfigureAwait(false);
        }
        throw new TimeoutException($"The feed index did not reach {size} images within 20 minutes.");
    }

    private static async Task<(double P50, double P95, string Returned)> TimeAsync(HttpClient http, string path, CancellationToken cancellationToken)
    {
        var times = new List<double>();
        var returned = "";
        for (var i = 0; i < Repeats + 3; i++)
        {
            var stopwatch = Stopwatch.StartNew();
            var body = await http.GetStringAsync(new Uri(path, UriKind.Relative), cancellationToken).ConfigureAwait(false);
            stopwatch.Stop();
            if (i >= 3)
            {
                times.Add(stopwatch.Elapsed.TotalMilliseconds);
            }
            using var json = JsonDocument.Parse(body);
            returned = json.RootElement.TryGetProperty("images", out var images) && images.ValueKind == JsonValueKind.Array
                ? $"{images.GetArrayLength()} images"
                : $"{json.RootElement.GetProperty("labels").GetArrayLength()} labels";
        }
        return (Stats.Percentile(times, 50), Stats.Percentile(times, 95), returned);
    }
}
