using System.Text.Json;
using System.Text.RegularExpressions;
using ImageLabelsLive.Reliability.Tests.RunningStack;
using Xunit.Abstractions;

namespace ImageLabelsLive.Reliability.Tests;

/// <summary>
/// At-least-once delivery, made certain: every S3 event is delivered 3 times at once and every stream batch twice. The
/// conditional status writes and the notification claim must turn that into one result and one email per image.
/// </summary>
[Collection(DuplicatingAppGroup.Name)]
public sealed partial class DuplicateDeliveryTests(DuplicatingApp stack, ITestOutputHelper output)
{
    private const int Uploads = 12;
    private readonly AppClient client = new(stack);
    private readonly StackProbe probe = new(stack);

    [Fact]
    public async Task Uploads_EveryS3EventThriceAndEveryBatchTwice_OneEmailPerImageAndNoStatusMovesBack()
    {
        var feedId = AppClient.NewFeedId();
        await using var first = await client.OpenFeedAsync(feedId);
        await using var second = await client.OpenFeedAsync(feedId);
        var uploads = new Dictionary<string, SampleImage>(StringComparer.Ordinal);
        for (var i = 0; i < Uploads; i++)
        {
            var image = SampleImages.Mixed(i, brokenEvery: 4);
            uploads[(await client.UploadAsync(feedId, image.FileName, image.Bytes, image.ContentType)).ImageId] = image;
        }

        var final = await probe.WaitForFinalAsync(feedId, uploads.Keys, TimeSpan.FromSeconds(90));
        await AppClient.EventuallyAsync(async () =>
        {
            var emails = await client.EmailsAsync();
            return uploads.Values.All(image => emails.Any(email => Subject(email).Contains(image.FileName, StringComparison.Ordinal)));
        }, TimeSpan.FromSeconds(60));
        // A duplicate S3 delivery that lost the race may still wait for the detector after the winner's email went
        // out: wait until all three runs of every image have ended (or the count below says which did not).
        _ = await AppClient.WaitUntilAsync(
            () => Task.FromResult(uploads.Keys.All(id => ProcessLine().Matches(stack.App.Log).Count(match => match.Groups["id"].Value == id) >= 3)),
            TimeSpan.FromSeconds(60));
        // Let every duplicate stream batch still on its way land before counting.
        await Task.Delay(TimeSpan.FromSeconds(3));

        var emails = await client.EmailsAsync();
        var emailsPerImage = uploads.Values.Select(image => emails.Count(email => Subject(email).Contains(image.FileName, StringComparison.Ordinal))).ToArray();
        var log = stack.App.Log;
        var processRuns = uploads.Keys.ToDictionary(id => id, id => ProcessLine().Matches(log).Where(match => match.Groups["id"].Value == id).Select(match => match.Groups["outcome"].Value).ToArray());
        var notifyRuns = uploads.Keys.ToDictionary(id => id, id => NotifyLine().Matches(log).Where(match => match.Groups["id"].Value == id).Select(match => match.Groups["outcome"].Value).ToArray());
        var backwards = 0;
        var pushes = 0;
        var repeats = 0;
        foreach (var tab in new[] { first, second })
        {
            foreach (var imageId in uploads.Keys)
            {
                var statuses = tab.Seen.Where(message => IsImage(message, imageId)).Select(message => message.GetProperty("image").GetProperty("status").GetString()).ToArray();
                pushes += statuses.Length;
                repeats += statuses.Length - statuses.Distinct(StringComparer.Ordinal).Count();
                backwards += statuses.Zip(statuses.Skip(1)).Count(pair => Statuses.Rank(pair.Second) < Statuses.Rank(pair.First));
                statuses.ShouldNotBeEmpty();
                statuses[^1].ShouldBe(final[imageId].GetProperty("status").GetString(), $"{imageId}: the last push is the final status");
                statuses.Distinct(StringComparer.Ordinal).ShouldBe(["uploading", "processing", uploads[imageId].ExpectedStatus], $"{imageId}: {string.Join(" > ", statuses)}");
            }
        }
        var faults = await probe.FaultsAsync();

        output.WriteLine($"{Uploads} uploads ({uploads.Values.Count(image => image.ExpectedStatus == "failed")} broken); hooks: S3 events x{faults.GetProperty("s3EventDeliveries").GetInt32()}, stream batches x{faults.GetProperty("streamDuplicateDeliveries").GetInt32()}, first {faults.GetProperty("managementApiFaultsServed").GetInt64()} posts to @connections throttled");
        output.WriteLine($"ProcessImage runs per image: {string.Join(" ", processRuns.Values.Select(runs => runs.Length))}; outcomes: {string.Join(", ", processRuns.Values.SelectMany(runs => runs).GroupBy(outcome => outcome).Select(group => $"{group.Count()} {group.Key}"))}");
        output.WriteLine($"NotifyResults outcomes: {string.Join(", ", notifyRuns.Values.SelectMany(runs => runs).GroupBy(outcome => outcome).Select(group => $"{group.Count()} {group.Key}"))}");
        output.WriteLine($"pushes to 2 tabs: {pushes} ({repeats} repeats of a status already shown), backward moves: {backwards}");
        output.WriteLine($"emails per image: {string.Join(" ", emailsPerImage)}; duplicates sent: {emailsPerImage.Sum() - Uploads}");

        emailsPerImage.ShouldAllBe(count => count == 1);
        backwards.ShouldBe(0);
        foreach (var (imageId, runs) in processRuns)
        {
            runs.Length.ShouldBe(3, $"{imageId}: each S3 event should reach ProcessImage three times");
            runs.Count(outcome => outcome is "Labeled" or "Failed").ShouldBe(1, $"{imageId}: {string.Join(", ", runs)}");
        }
        foreach (var (imageId, runs) in notifyRuns)
        {
            runs.Count(outcome => outcome == "Sent").ShouldBe(1, $"{imageId}: {string.Join(", ", runs)}");
            runs.ShouldContain("AlreadySent", $"{imageId}: the duplicate batch should have reached the notifier");
        }
        repeats.ShouldBeGreaterThan(0, "duplicate batches should have pushed statuses twice");
        faults.GetProperty("managementApiFaultsServed").GetInt64().ShouldBe(2);
    }

    private static string Subject(JsonElement email) => email.GetProperty("subject").GetString() ?? "";

    private static bool IsImage(JsonElement message, string imageId) =>
        message.TryGetProperty("type", out var type) && type.GetString() == "image" && message.GetProperty("image").GetProperty("imageId").GetString() == imageId;

    [GeneratedRegex(@"\[ProcessImageFunction\] uploads/[A-Za-z0-9_-]+/(?<id>[0-9a-f]{32}): (?<outcome>\w+)")]
    private static partial Regex ProcessLine();

    [GeneratedRegex(@"\[NotifyResultsFunction\] (?<id>[0-9a-f]{32}) \w+: (?<outcome>\w+)")]
    private static partial Regex NotifyLine();
}
