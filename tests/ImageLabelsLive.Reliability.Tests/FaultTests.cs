using System.Diagnostics;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using ImageLabelsLive.Reliability.Tests.RunningStack;
using Xunit.Abstractions;

namespace ImageLabelsLive.Reliability.Tests;

/// <summary>
/// Fault drills on the real stack: the detector killed or held down, SMTP down, the management API throttling and
/// failing, and a poison record in the Images stream. Each says what the app does and checks that it is true.
/// </summary>
[Collection(FaultDrillAppGroup.Name)]
public sealed class FaultTests(FaultDrillApp stack, ITestOutputHelper output)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(45);
    private readonly AppClient client = new(stack);
    private readonly StackProbe probe = new(stack);

    /// <summary>
    /// A restart takes the detector about 2.5 s; ProcessImage retries a refused or throttled DetectLabels with backoff for
    /// DETECTOR_RETRY_SECONDS, so images caught in it are labeled once the detector is back.
    /// </summary>
    [Fact]
    public async Task Detector_KilledWhileLabeling_ImagesAreLabeledWhenItReturns()
    {
        var feedId = AppClient.NewFeedId();
        var restartsBefore = await probe.RestartsOfAsync("detector");
        var failuresBefore = probe.S3EventFailures().Count;
        var tickets = new List<UploadTicket>();
        for (var i = 0; i < 8; i++)
        {
            var image = SampleImages.Mixed(i * 2, brokenEvery: int.MaxValue);
            tickets.Add(await client.UploadAsync(feedId, image.FileName, image.Bytes, image.ContentType));
        }

        StackProbe.KillListener(new Uri(stack.Endpoints.Rekognition).Port);
        var caught = (await probe.FeedAsync(feedId)).Count(image => !Statuses.IsFinal(image.GetProperty("status").GetString()));
        var clock = Stopwatch.StartNew();
        var final = await probe.WaitForFinalAsync(feedId, tickets.Select(ticket => ticket.ImageId).ToArray(), Patience);

        output.WriteLine($"detector killed with {caught} of {tickets.Count} images not yet labeled; all final {clock.Elapsed.TotalSeconds:0.0} s later; restarts {await probe.RestartsOfAsync("detector") - restartsBefore}");
        output.WriteLine($"statuses: {string.Join(", ", final.Values.GroupBy(image => image.GetProperty("status").GetString()).Select(group => $"{group.Count()} {group.Key}"))}");
        final.Values.ShouldAllBe(image => image.GetProperty("status").GetString() == "labeled");
        (await probe.RestartsOfAsync("detector")).ShouldBeGreaterThan(restartsBefore);
        probe.S3EventFailures().Count.ShouldBe(failuresBefore);
    }

    /// <summary>
    /// Down for longer than ProcessImage's patience (8 s in this stack, 30 s by default on AWS): each image fails with
    /// LabelingUnavailable and a sentence that says to upload it again; none is left in "processing". Once the detector is
    /// back, uploads are labeled again.
    /// </summary>
    [Fact]
    public async Task Detector_DownLongerThanRetries_ImagesFailWithReadableReasonAndNoneIsStuck()
    {
        var feedId = AppClient.NewFeedId();
        await probe.HoldDownAsync("detector", TimeSpan.FromSeconds(FaultDrillApp.DetectorPatienceSeconds + 6));
        var clock = Stopwatch.StartNew();
        var tickets = new List<UploadTicket>();
        for (var i = 0; i < 3; i++)
        {
            tickets.Add(await client.UploadAsync(feedId, $"during-outage-{i}.png", TestImages.GradientPng(80 + i, 80)));
        }

        var final = await probe.WaitForFinalAsync(feedId, tickets.Select(ticket => ticket.ImageId).ToArray(), Patience);
        var failedAfter = clock.Elapsed;
        await AppClient.EventuallyAsync(() => probe.IsUpAsync("detector"), Patience);
        var after = await client.UploadAsync(feedId, "after-outage.png", TestImages.GradientPng());
        var recovered = await probe.WaitForFinalAsync(feedId, [after.ImageId], Patience);

        foreach (var image in final.Values)
        {
            output.WriteLine($"{image.GetProperty("fileName").GetString()}: {image.GetProperty("status").GetString()} {image.GetProperty("error").GetRawText()}");
        }
        output.WriteLine($"all failed cleanly {failedAfter.TotalSeconds:0.0} s after the detector went down; the next upload after it returned: {recovered[after.ImageId].GetProperty("status").GetString()}");
        foreach (var image in final.Values)
        {
            image.GetProperty("status").GetString().ShouldBe("failed");
            image.GetProperty("error").GetProperty("code").GetString().ShouldBe("LabelingUnavailable");
            var message = image.GetProperty("error").GetProperty("message").GetString()!;
            message.ShouldContain(image.GetProperty("fileName").GetString()!);
            message.ShouldContain("upload it again");
            message.ShouldNotContain("Exception");
        }
        recovered[after.ImageId].GetProperty("status").GetString().ShouldBe("labeled");
    }

    /// <summary>
    /// SMTP (maildev) down for 8 s: NotifyResults reports batch item failures and the mapping retries them with backoff;
    /// once SMTP is back each image is emailed exactly once. Pushes run on their own consumer and are not held up.
    /// </summary>
    [Fact]
    public async Task Smtp_Down_NotifierRetriesThenEmailsOnceAndPushesAreUnaffected()
    {
        var feedId = AppClient.NewFeedId();
        await using var tab = await client.OpenFeedAsync(feedId);
        var notifyBefore = await probe.ConsumerAsync("NotifyResults");
        await probe.HoldDownAsync("maildev", TimeSpan.FromSeconds(8));
        var clock = Stopwatch.StartNew();
        var names = new[] { $"smtp-down-{Guid.NewGuid():N}.png", $"smtp-down-{Guid.NewGuid():N}.png" };
        var tickets = new List<UploadTicket>();
        foreach (var name in names)
        {
            tickets.Add(await client.UploadAsync(feedId, name, TestImages.GradientPng()));
        }

        foreach (var ticket in tickets)
        {
            await tab.WaitForAsync(FeedSocket.ImageStatus(ticket.ImageId, "labeled"), Patience);
        }
        var pushedAfter = clock.Elapsed;
        var smtpWasDown = !await probe.IsUpAsync("maildev");
        var duringOutage = await probe.ConsumerAsync("NotifyResults");
        // The mailbox's web API is maildev too, so it answers only once SMTP is back.
        await AppClient.EventuallyAsync(async () =>
        {
            try
            {
                // Subjects, not the raw messages: maildev, held down mid-write, lists a torn message without one.
                var subjects = await client.EmailSubjectsAsync();
                return names.All(name => subjects.Any(subject => subject.Contains(name, StringComparison.Ordinal)));
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }, Patience);
        var emailedAfter = clock.Elapsed;
        await Task.Delay(TimeSpan.FromSeconds(2));
        var emailsPerImage = new List<int>();
        foreach (var name in names)
        {
            emailsPerImage.Add(await CountEmailsAsync(name));
        }
        var notifyAfter = await probe.ConsumerAsync("NotifyResults");

        output.WriteLine($"SMTP down 8 s: labeled pushes arrived {pushedAfter.TotalSeconds:0.0} s after the first upload (SMTP still down: {smtpWasDown}); emails {emailedAfter.TotalSeconds:0.0} s after");
        output.WriteLine($"NotifyResults: {duringOutage.Retried - notifyBefore.Retried} record retries by the time the pushes arrived, {notifyAfter.Retried - notifyBefore.Retried} in all; emails per image: {string.Join(", ", emailsPerImage)}");
        smtpWasDown.ShouldBeTrue("the pushes should have arrived while SMTP was still down");
        (notifyAfter.Retried - notifyBefore.Retried).ShouldBeGreaterThan(0);
        probe.StreamFailures().ShouldNotContain(entry => tickets.Any(ticket => entry.GetRawText().Contains(ticket.ImageId, StringComparison.Ordinal)), "no record of these images may be given up");
        emailsPerImage.ShouldAllBe(count => count == 1);
    }

    /// <summary>
    /// The management API answers 429, 429, 500: the messenger's own retries (Polly, jittered backoff) absorb them. Six
    /// 429s in a row outlast those retries: the record is reported failed and the stream retries it, and it still arrives.
    /// </summary>
    [Fact]
    public async Task ManagementApi_ThrottledAndFailingPosts_PushesAreRetriedAndArrive()
    {
        var feedId = AppClient.NewFeedId();
        await using var tab = await client.OpenFeedAsync(feedId);
        var connectionId = (await client.ConnectionIdsOfFeedAsync(feedId)).ShouldHaveSingleItem();
        var served = (await probe.FaultsAsync()).GetProperty("managementApiFaultsServed").GetInt64();
        var pushBefore = await probe.ConsumerAsync("PushResults");

        await probe.InjectManagementApiFaultsAsync(429, 2, connectionId);
        await probe.InjectManagementApiFaultsAsync(500, 1, connectionId);
        var first = await client.UploadAsync(feedId, "throttled.png", TestImages.GradientPng());
        await tab.WaitForAsync(FeedSocket.ImageStatus(first.ImageId, "labeled"), Patience);
        var afterFirst = await probe.ConsumerAsync("PushResults");

        await probe.InjectManagementApiFaultsAsync(429, 6, connectionId);
        var second = await client.UploadAsync(feedId, "throttled-long.png", TestImages.GradientPng());
        await tab.WaitForAsync(FeedSocket.ImageStatus(second.ImageId, "labeled"), Patience);
        var afterSecond = await probe.ConsumerAsync("PushResults");
        var faults = await probe.FaultsAsync();

        var servedNow = faults.GetProperty("managementApiFaultsServed").GetInt64() - served;
        output.WriteLine($"faults answered: {servedNow} (429 x8, 500 x1); stream retries: {afterFirst.Retried - pushBefore.Retried} for the first image, {afterSecond.Retried - afterFirst.Retried} for the second; records given up: {afterSecond.Failed - pushBefore.Failed}");
        foreach (var status in new[] { "uploading", "processing", "labeled" })
        {
            tab.Seen.ShouldContain(message => FeedSocket.ImageStatus(first.ImageId, status)(message), $"first image, {status}");
            tab.Seen.ShouldContain(message => FeedSocket.ImageStatus(second.ImageId, status)(message), $"second image, {status}");
        }
        servedNow.ShouldBe(9);
        faults.GetProperty("managementApiFaultsRemaining").GetInt32().ShouldBe(0);
        (afterFirst.Retried - pushBefore.Retried).ShouldBe(0, "three faults are within the messenger's own retries");
        (afterSecond.Retried - afterFirst.Retried).ShouldBeGreaterThan(0, "six faults outlast them, so the stream retries the record");
        (afterSecond.Failed - pushBefore.Failed).ShouldBe(0);
    }

    /// <summary>
    /// A poison image: an item written straight to the Images table without the attributes of an image record, and an
    /// object uploaded for its key. ProcessImage cannot read it and fails every attempt: after the asynchronous
    /// invocation's two retries the S3 event goes to its on-failure destination (ProcessImage's dead-letter queue on AWS)
    /// in Lambda's destination shape, so it can be replayed. Both stream consumers report its record as failed; the
    /// mapping retries it and sends it to the stream's on-failure destination. The records behind it flow.
    /// </summary>
    [Fact]
    public async Task PoisonImageItem_IsSetAsideByProcessImageAndBothStreamConsumers_LaterRecordsFlow()
    {
        var feedId = AppClient.NewFeedId();
        await using var tab = await client.OpenFeedAsync(feedId);
        var poisonId = Guid.CreateVersion7().ToString("N");
        var key = $"uploads/{feedId}/{poisonId}";
        var s3FailuresBefore = probe.S3EventFailures().Count;
        var clock = Stopwatch.StartNew();
        using (var dynamoDb = probe.DynamoDb())
        {
            await dynamoDb.PutItemAsync(new PutItemRequest
            {
                TableName = stack.Endpoints.ImagesTable,
                Item = new Dictionary<string, AttributeValue>
                {
                    ["imageId"] = new() { S = poisonId },
                    ["feedId"] = new() { S = feedId },
                    ["status"] = new() { S = "uploading" },
                    ["size"] = new() { S = "not a number" },
                },
            });
        }
        // Signed with a key of its own, which the local S3 accepts unverified, as LocalStack does.
        using (var s3 = new AmazonS3Client(new BasicAWSCredentials("reliability", "tests"), new AmazonS3Config { ServiceURL = stack.Endpoints.S3, ForcePathStyle = true, AuthenticationRegion = stack.Endpoints.Region }))
        {
            await s3.PutObjectAsync(new PutObjectRequest { BucketName = stack.Endpoints.UploadBucket, Key = key, InputStream = new MemoryStream(TestImages.GradientPng()), ContentType = "image/png" });
        }
        var fileName = $"behind-poison-{Guid.NewGuid():N}.png";
        var good = await client.UploadAsync(feedId, fileName, TestImages.GradientPng());

        await tab.WaitForAsync(FeedSocket.ImageStatus(good.ImageId, "labeled"), Patience);
        var pushedAfter = clock.Elapsed;
        await AppClient.EventuallyAsync(() => Task.FromResult(probe.S3EventFailures().Count > s3FailuresBefore), Patience);
        var eventSetAsideAfter = clock.Elapsed;
        await AppClient.EventuallyAsync(() => Task.FromResult(PoisonEntries(poisonId).Any(entry => entry.Function == "PushResults")), Patience);
        await AppClient.EventuallyAsync(() => Task.FromResult(PoisonEntries(poisonId).Any(entry => entry.Function == "NotifyResults")), TimeSpan.FromSeconds(60));
        var notifierSetItAsideAfter = clock.Elapsed;
        await AppClient.EventuallyAsync(async () => await CountEmailsAsync(fileName) == 1, Patience);
        var emailedAfter = clock.Elapsed;

        var s3Failure = probe.S3EventFailures()[^1];
        var entries = PoisonEntries(poisonId);
        output.WriteLine($"S3 event set aside {eventSetAsideAfter.TotalSeconds:0.0} s after the item was written: {s3Failure.GetProperty("requestContext").GetRawText()} {s3Failure.GetProperty("responsePayload").GetRawText()}");
        output.WriteLine($"stream record set aside by {string.Join(" and ", entries.Select(entry => $"{entry.Function} after {entry.Attempts} attempts"))}");
        output.WriteLine($"the image behind it: labeled push {pushedAfter.TotalSeconds:0.0} s, notifier past the poison {notifierSetItAsideAfter.TotalSeconds:0.0} s, email {emailedAfter.TotalSeconds:0.0} s after the poison was written");
        s3Failure.GetProperty("requestContext").GetProperty("condition").GetString().ShouldBe("RetriesExhausted");
        s3Failure.GetProperty("requestContext").GetProperty("approximateInvokeCount").GetInt32().ShouldBe(3);
        s3Failure.GetProperty("requestPayload").GetProperty("Records")[0].GetProperty("s3").GetProperty("object").GetProperty("key").GetString().ShouldBe(key);
        s3Failure.GetProperty("responsePayload").GetProperty("errorMessage").GetString().ShouldNotBeNullOrWhiteSpace();
        entries.Select(entry => entry.Function).Distinct().Order(StringComparer.Ordinal).ShouldBe(["IndexFeed", "NotifyResults", "PushResults"]);
        tab.Seen.ShouldNotContain(message => message.GetRawText().Contains(poisonId, StringComparison.Ordinal));
    }

    private List<(string Function, int Attempts, string Error)> PoisonEntries(string poisonId) =>
        probe.StreamFailures()
            .Where(entry => entry.GetRawText().Contains(poisonId, StringComparison.Ordinal))
            .Select(entry => (entry.GetProperty("functionName").GetString()!, entry.GetProperty("attempts").GetInt32(), entry.GetProperty("error").GetString()!))
            .ToList();

    private async Task<int> CountEmailsAsync(string fileName) =>
        (await client.EmailSubjectsAsync()).Count(subject => subject.Contains(fileName, StringComparison.Ordinal));
}
