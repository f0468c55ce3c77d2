using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using ImageLabelsLive.Core.Connections;
using ImageLabelsLive.Core.Feeds;
using ImageLabelsLive.Core.Images;
using ImageLabelsLive.Core.Notifications;
using ImageLabelsLive.Core.Processing;
using ImageLabelsLive.Core.PushResults;
using ImageLabelsLive.Core.Uploads;
using ImageLabelsLive.Functions.Connect;
using ImageLabelsLive.Functions.DefaultRoute;
using ImageLabelsLive.Functions.Disconnect;
using ImageLabelsLive.Functions.GetImage;
using ImageLabelsLive.Functions.ListFeedImages;
using ImageLabelsLive.Functions.NotifyResults;
using ImageLabelsLive.Functions.ProcessImage;
using ImageLabelsLive.Functions.PushResults;
using ImageLabelsLive.Functions.UploadUrl;
using ImageLabelsLive.Testing.Fakes;
using Xunit.Abstractions;

namespace ImageLabelsLive.Reliability.Tests.Fuzzing;

/// <summary>
/// Fuzzing, for a fixed time per target, of everything that parses what the outside world sends: the POST /uploads
/// body, every function's Stream entry point (mutations of the events the functions suite writes, and of ../shared's
/// real AWS events when present) and the WebSocket client messages. The only outcomes allowed are the handled ones: an
/// answer with a 2xx/4xx status (never a 500, which is an exception caught at the edge), a batch-item-failures answer,
/// or a JsonException for a payload that is not the event at all.
/// </summary>
public sealed class FuzzTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(1.5);
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 9, 0, 0, TimeSpan.Zero);

    private readonly InMemoryImageStore images = new();
    private readonly InMemoryConnectionStore connections = new();
    private readonly FakeTimeProvider clock = new(Now);

    [Fact]
    public void UploadUrlBody_MutatedAndRandomJson_Answers201Or400Only()
    {
        var function = new UploadUrlFunction(new CreateUploadHandler(images, new FixedSigner(), clock, TimeSpan.FromMinutes(5)));
        var valid = JsonSerializer.Serialize(new { feedId = Samples.FeedId, fileName = "cat.png", contentType = "image/png", size = 1234 });
        var bodies = Gen.OneOf(JsonMutator.Of([valid]).Generator, JsonMutator.AnyText().Generator).ToArbitrary();

        var runs = Fuzz("POST /uploads body", bodies, body => Answer(function.HandleAsync, HttpEvents.PostUploads(body).ToJsonString(), HttpStatuses));

        output.WriteLine($"POST /uploads bodies: {runs} tried, {runs} handled");
    }

    [Fact]
    public async Task HttpAndWebSocketFunctions_MutatedEvents_AnswerWithoutServerErrors()
    {
        var record = Samples.Record(ImageStatus.Labeled) with { Labels = [Samples.Cat] };
        await images.CreateAsync(record, default);
        var targets = new (string Name, Func<Stream, Task<Stream>> Entry, string[] Seeds, int[] Statuses)[]
        {
            ("UploadUrl", new UploadUrlFunction(new CreateUploadHandler(images, new FixedSigner(), clock, TimeSpan.FromMinutes(5))).HandleAsync,
                [HttpEvents.PostUploads(JsonSerializer.Serialize(new { feedId = Samples.FeedId, fileName = "a.png", contentType = "image/png", size = 10 })).ToJsonString(), .. Shared("aws-lambda-dotnet_http-api-v2-request.json", "sam-cli_apigateway-http-api-v2.json")],
                HttpStatuses),
            ("ListFeedImages", new ListFeedImagesFunction(new ListFeedImagesHandler(new InMemoryFeedQueries(images))).HandleAsync,
                [HttpEvents.HttpApi("GET", $"/feeds/{Samples.FeedId}/images", "GET /feeds/{feedId}/images", pathParameters: new Dictionary<string, string> { ["feedId"] = Samples.FeedId }, query: new Dictionary<string, string> { ["limit"] = "10" }).ToJsonString(), .. Shared("powertools-python_apigw-http-api-v2.json")],
                HttpStatuses),
            ("GetImage", new GetImageFunction(new GetImageHandler(images)).HandleAsync,
                [HttpEvents.HttpApi("GET", $"/images/{record.ImageId}", "GET /images/{imageId}", pathParameters: new Dictionary<string, string> { ["imageId"] = record.ImageId }).ToJsonString(), .. Shared("aws-lambda-go_apigw-http-api-v2-no-authorizer.json")],
                HttpStatuses),
            ("Connect", new ConnectFunction(new ConnectHandler(connections, clock)).HandleAsync,
                [HttpEvents.WebSocket("$connect", "CONNECT", "conn-1=", query: new Dictionary<string, string> { ["feed"] = Samples.FeedId }).ToJsonString(), .. Shared("aws-lambda-dotnet_websocket-api-connect.json", "powertools-python_apigw-websocket-connect.json")],
                WebSocketStatuses),
            ("Disconnect", new DisconnectFunction(new DisconnectHandler(connections)).HandleAsync,
                [HttpEvents.WebSocket("$disconnect", "DISCONNECT", "conn-1=").ToJsonString(), .. Shared("aws-lambda-go_apigw-websocket-disconnect.json")],
                WebSocketStatuses),
            ("DefaultRoute", new DefaultRouteFunction(new DefaultRouteHandler(connections, new RecordingMessenger(), clock)).HandleAsync,
                [HttpEvents.WebSocket("$default", "MESSAGE", "conn-1=", body: "{\"action\":\"ping\"}").ToJsonString(), .. Shared("aws-lambda-go_apigw-websocket-message-default-route.json")],
                WebSocketStatuses),
        };
        var total = 0;
        foreach (var (name, entry, seeds, statuses) in targets)
        {
            var runs = Fuzz(name, JsonMutator.Of(seeds), json => Answer(entry, json, statuses));
            output.WriteLine($"{name} events: {runs} tried, {runs} handled");
            total += runs;
        }
        output.WriteLine($"HTTP and WebSocket events in all: {total} tried, {total} handled");
    }

    [Fact]
    public async Task StreamFunctions_MutatedStreamEvents_AnswerBatchItemFailuresOnly()
    {
        var before = Samples.Record(ImageStatus.Processing);
        var after = before with { Status = ImageStatus.Labeled, Labels = [Samples.Cat], UpdatedAt = Now.AddSeconds(2) };
        await images.CreateAsync(after, default);
        connections.Add("conn-1=", Samples.FeedId);
        var seeds = new[]
        {
            StreamEvents.Event(StreamEvents.Insert("100", Samples.Record()), StreamEvents.Modify("200", before, after)).ToJsonString(),
            StreamEvents.Event(StreamEvents.Modify("300", before, after with { Status = ImageStatus.Failed, Labels = [], Error = new ImageError("NotAnImage", "\"cat.png\" is not an image.") })).ToJsonString(),
        }.Concat(Shared("aws-lambda-dotnet_dynamodb-event.json", "sam-cli_dynamodb-update.json", "powertools-python_dynamodb-stream-event.json")).ToArray();
        var push = new PushResultsFunction(new PushResultsHandler(connections, new RecordingMessenger(), maxConcurrency: 4));
        var notify = new NotifyResultsFunction(new NotifyResultHandler(images, new RecordingPublisher(), new Uri("https://app.example/"), clock));

        var pushRuns = Fuzz("PushResults", JsonMutator.Of(seeds), json => BatchAnswer(push.HandleAsync, json));
        var notifyRuns = Fuzz("NotifyResults", JsonMutator.Of(seeds), json => BatchAnswer(notify.HandleAsync, json));

        output.WriteLine($"PushResults stream events: {pushRuns} tried, {pushRuns} handled");
        output.WriteLine($"NotifyResults stream events: {notifyRuns} tried, {notifyRuns} handled");
    }

    [Fact]
    public async Task ProcessImage_MutatedS3Events_CompletesOrRejectsThePayloadOnly()
    {
        var record = Samples.Record();
        await images.CreateAsync(record, default);
        var objects = new InMemoryObjects();
        objects.Objects[record.ObjectKey] = Samples.PngBytes();
        var function = new ProcessImageFunction(new ProcessUploadHandler(images, objects, new ScriptedDetector { Labels = [Samples.Cat] }, clock));
        var seeds = new[] { S3Events.ObjectCreated((record.ObjectKey, record.Size)).ToJsonString() }
            .Concat(Shared("aws-lambda-dotnet_s3-event.json", "sam-cli_s3-put.json", "aws-lambda-go_s3-event.json")).ToArray();

        var runs = Fuzz("ProcessImage", JsonMutator.Of(seeds), json => Outcome(function.HandleAsync, json, answer => answer == "{}" ? null : $"answered {answer}"));

        output.WriteLine($"ProcessImage S3 events: {runs} tried, {runs} handled");
    }

    [Fact]
    public void ClientMessages_AnyText_RepliesPongOrAnError()
    {
        var runs = Fuzz("ClientMessages", JsonMutator.AnyText(), text =>
        {
            string reply;
            try
            {
                reply = Encoding.UTF8.GetString(ClientMessages.Reply(text));
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                return $"threw {exception.GetType().Name}: {exception.Message}";
            }
            var type = JsonNode.Parse(reply)?["type"]?.GetValue<string>();
            return type is "pong" or "error" ? null : $"replied {reply}";
        });

        output.WriteLine($"WebSocket client messages: {runs} tried, {runs} handled");
    }

    private static readonly int[] HttpStatuses = [200, 201, 400, 404];
    private static readonly int[] WebSocketStatuses = [200, 400];

    /// <summary>
    /// Runs the property over generated inputs until the time budget is spent (FsCheck draws them, and shrinks a
    /// failure to a small counterexample). The property returns null when the outcome was handled.
    /// </summary>
    private static int Fuzz(string target, Arbitrary<string> inputs, Func<string, string?> problemWith)
    {
        var problems = new ConcurrentQueue<string>();
        var runs = 0;
        var clock = Stopwatch.StartNew();
        string? counterexample = null;
        // The functions log a line per event to the console, as on Lambda; thousands of them would only slow the fuzzing.
        var (stdout, stderr) = (Console.Out, Console.Error);
        Console.SetOut(TextWriter.Null);
        Console.SetError(TextWriter.Null);
        try
        {
            while (clock.Elapsed < Budget && counterexample is null)
            {
            try
            {
                Prop.ForAll(inputs, input =>
                {
                    Interlocked.Increment(ref runs);
                    var problem = problemWith(input);
                    if (problem is not null)
                    {
                        problems.Enqueue($"{problem} <- {(input.Length > 300 ? input[..300] + "…" : input)}");
                    }
                    return problem is null;
                }).Check(Config.QuickThrowOnFailure.WithMaxTest(100).WithQuietOnSuccess(true));
            }
            catch (Exception failure) when (!problems.IsEmpty)
            {
                // FsCheck found one and shrank it; its report names the smallest input.
                counterexample = failure.Message;
            }
            }
        }
        finally
        {
            Console.SetOut(stdout);
            Console.SetError(stderr);
        }
        problems.ShouldBeEmpty($"{target}: unhandled outcomes, e.g. {string.Join(" || ", problems.Distinct().Take(3))}\n{counterexample}");
        return runs;
    }

    /// <summary>An API Gateway answer whose status is one of <paramref name="allowed"/>, or a JsonException.</summary>
    private static string? Answer(Func<Stream, Task<Stream>> entry, string json, int[] allowed) =>
        Outcome(entry, json, answer =>
        {
            var status = JsonNode.Parse(answer)?["statusCode"]?.GetValue<int>();
            return status is { } code && allowed.Contains(code) ? null : $"answered status {status}: {answer}";
        });

    /// <summary>A StreamsEventResponse (failed records are reported, never thrown), or a JsonException.</summary>
    private static string? BatchAnswer(Func<Stream, Task<Stream>> entry, string json) =>
        Outcome(entry, json, answer => JsonNode.Parse(answer)?["batchItemFailures"] is JsonArray ? null : $"answered {answer}");

    private static string? Outcome(Func<Stream, Task<Stream>> entry, string json, Func<string, string?> check)
    {
        string answer;
        try
        {
            using var input = new MemoryStream(Encoding.UTF8.GetBytes(json));
            using var output = entry(input).GetAwaiter().GetResult();
            using var reader = new StreamReader(output);
            answer = reader.ReadToEnd();
        }
        catch (JsonException)
        {
            return null;
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            return $"threw {exception.GetType().Name}: {exception.Message}";
        }
        return check(answer);
    }

    /// <summary>../shared's real AWS events of that kind, when ../shared is present.</summary>
    private static string[] Shared(params string[] fileNames) =>
        SharedData.Directory is null ? [] : fileNames.Select(name => File.ReadAllText(SharedData.PathOf("contracts", "events", name))).ToArray();
}
