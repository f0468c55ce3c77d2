using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;

namespace ImageLabelsLive.Reliability.Tests.RunningStack;

/// <summary>One stream consumer's counters, as /health reports them.</summary>
public sealed record ConsumerCounters(long Delivered, long Pending, long Retried, long Failed);

/// <summary>
/// Looks at and pokes the running stack from outside, as an operator would: /health, /local/faults and its control
/// endpoints, the data folder's on-failure destinations, the tables through the DynamoDB endpoint, and sidecar processes.
/// </summary>
public sealed class StackProbe(LocalAppFixture stack)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The parts of /health, which answers 503 with the same body while a part is down.</summary>
    public async Task<JsonElement> HealthPartsAsync()
    {
        using var response = await stack.Http.GetAsync(new Uri(stack.BaseUrl, "health"));
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("parts").Clone();
    }

    public async Task<int> RestartsOfAsync(string sidecar) => (await HealthPartsAsync()).GetProperty(sidecar).GetProperty("restarts").GetInt32();

    public async Task<bool> IsUpAsync(string part) => (await HealthPartsAsync()).GetProperty(part).GetProperty("state").GetString() == "up";

    /// <summary>A stream consumer's counters, read from the dynamodb part's detail line.</summary>
    public async Task<ConsumerCounters> ConsumerAsync(string functionName)
    {
        var detail = (await HealthPartsAsync()).GetProperty("dynamodb").GetProperty("detail").GetString() ?? "";
        var match = Regex.Match(detail, Regex.Escape(functionName) + @": (\d+) delivered, (\d+) pending, (\d+) retried, (\d+) failed");
        match.Success.ShouldBeTrue($"/health does not report {functionName}: {detail}");
        long At(int group) => long.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture);
        return new ConsumerCounters(At(1), At(2), At(3), At(4));
    }

    public async Task<JsonElement> FaultsAsync() => await stack.Http.GetFromJsonAsync<JsonElement>(new Uri(stack.BaseUrl, "local/faults"));

    /// <summary>Kills the sidecar through the host's fault API and keeps it down for <paramref name="duration"/>.</summary>
    public async Task HoldDownAsync(string sidecar, TimeSpan duration)
    {
        using var response = await stack.Http.PostAsJsonAsync(new Uri(stack.BaseUrl, $"local/faults/sidecars/{sidecar}/down"), new { seconds = duration.TotalSeconds });
        response.EnsureSuccessStatusCode();
    }

    /// <summary>The next <paramref name="count"/> posts to the connection answer <paramref name="status"/>.</summary>
    public async Task InjectManagementApiFaultsAsync(int status, int count, string? connectionId)
    {
        using var response = await stack.Http.PostAsJsonAsync(new Uri(stack.BaseUrl, "local/faults/management-api"), new { status, count, connectionId });
        response.EnsureSuccessStatusCode();
    }

    /// <summary>New sockets open <paramref name="delay"/> after their $connect succeeded (zero: at once).</summary>
    public async Task SetWebSocketOpenDelayAsync(TimeSpan delay)
    {
        using var response = await stack.Http.PostAsJsonAsync(new Uri(stack.BaseUrl, "local/faults/websocket"), new { openDelayMs = (int)delay.TotalMilliseconds });
        response.EnsureSuccessStatusCode();
    }

    /// <summary>The stream consumers' on-failure destination: one JSON object per record given up on.</summary>
    public IReadOnlyList<JsonElement> StreamFailures() => JsonLines("stream-failures.jsonl");

    /// <summary>The S3 notifications' on-failure destination (ProcessImage's dead-letter queue on AWS).</summary>
    public IReadOnlyList<JsonElement> S3EventFailures() => JsonLines("s3-event-failures.jsonl");

    /// <summary>A DynamoDB client for the stack's endpoint, signed with a key the host accepts unverified (as LocalStack does).</summary>
    public AmazonDynamoDBClient DynamoDb() => new(
        new BasicAWSCredentials("reliability", "tests"),
        new AmazonDynamoDBConfig { ServiceURL = stack.Endpoints.Dynamodb, AuthenticationRegion = stack.Endpoints.Region });

    /// <summary>Whether the Connections table still holds the connection.</summary>
    public async Task<bool> ConnectionExistsAsync(string connectionId)
    {
        using var dynamoDb = DynamoDb();
        var response = await dynamoDb.GetItemAsync(new GetItemRequest
        {
            TableName = stack.Endpoints.ConnectionsTable,
            Key = new Dictionary<string, AttributeValue> { ["connectionId"] = new() { S = connectionId } },
            ConsistentRead = true,
        });
        return response.Item is { Count: > 0 };
    }

    /// <summary>
    /// Kills the process that listens on <paramref name="port"/> (a sidecar the host started), found through /proc:
    /// the listening socket's inode in /proc/net/tcp, then the process holding it. Returns the process id killed.
    /// </summary>
    public static int KillListener(int port)
    {
        var inode = ListeningInode(port) ?? throw new InvalidOperationException($"Nothing listens on 127.0.0.1:{port}.");
        var target = $"socket:[{inode}]";
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }
            try
            {
                foreach (var fd in Directory.EnumerateFileSystemEntries(Path.Combine(dir, "fd")))
                {
                    if (new FileInfo(fd).LinkTarget == target)
                    {
                        using var process = System.Diagnostics.Process.GetProcessById(pid);
                        process.Kill();
                        return pid;
                    }
                }
            }
            catch (Exception exception) when (exception is UnauthorizedAccessException or IOException or ArgumentException)
            {
                // Another user's process, or one that just exited.
            }
        }
        throw new InvalidOperationException($"No process of this user holds the socket listening on port {port}.");
    }

    private static string? ListeningInode(int port)
    {
        foreach (var table in new[] { "/proc/net/tcp", "/proc/net/tcp6" })
        {
            if (!File.Exists(table))
            {
                continue;
            }
            foreach (var line in File.ReadLines(table).Skip(1))
            {
                var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                // local_address is HEXIP:HEXPORT; state 0A is LISTEN; the inode is the tenth field.
                if (fields.Length > 9 && fields[3] == "0A" && int.Parse(fields[1].Split(':')[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture) == port)
                {
                    return fields[9];
                }
            }
        }
        return null;
    }

    private List<JsonElement> JsonLines(string fileName)
    {
        var path = Path.Combine(stack.App.DataDirectory, fileName);
        if (!File.Exists(path))
        {
            return [];
        }
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(file);
        var lines = new List<JsonElement>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
            {
                lines.Add(JsonDocument.Parse(line).RootElement.Clone());
            }
        }
        return lines;
    }

    /// <summary>The records of a feed as GET /feeds/{id}/images?limit=100 returns them.</summary>
    public async Task<JsonElement[]> FeedAsync(string feedId) =>
        (await stack.Http.GetFromJsonAsync<JsonElement>(stack.Api($"feeds/{feedId}/images?limit=100"), Json)).GetProperty("images").EnumerateArray().Select(image => image.Clone()).ToArray();

    /// <summary>Waits until every image of <paramref name="imageIds"/> in the feed is labeled or failed; returns them by id.</summary>
    public async Task<Dictionary<string, JsonElement>> WaitForFinalAsync(string feedId, IReadOnlyCollection<string> imageIds, TimeSpan within)
    {
        var final = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        var images = Array.Empty<JsonElement>();
        try
        {
            await AppClient.EventuallyAsync(async () =>
            {
                images = await FeedAsync(feedId);
                final = images
                    .Where(image => imageIds.Contains(image.GetProperty("imageId").GetString()!) && Statuses.IsFinal(image.GetProperty("status").GetString()))
                    .ToDictionary(image => image.GetProperty("imageId").GetString()!, StringComparer.Ordinal);
                return final.Count == imageIds.Count;
            }, within);
        }
        catch (TimeoutException timeout)
        {
            var unfinished = imageIds.Where(id => !final.ContainsKey(id)).ToArray();
            var statuses = unfinished.Select(id => id + ": " + (images.FirstOrDefault(image => image.GetProperty("imageId").GetString() == id) is { ValueKind: JsonValueKind.Object } image ? image.GetProperty("status").GetString() : "not listed"));
            throw new TimeoutException(
                $"{unfinished.Length} of {imageIds.Count} images were not final after {within.TotalSeconds:0} s: {string.Join(", ", statuses.Take(10))}\nHost log about them:\n{LogLinesAbout(unfinished.Take(3), 40)}",
                timeout);
        }
        return final;
    }

    /// <summary>The host's log lines that mention any of <paramref name="needles"/>, for a failure message.</summary>
    public string LogLinesAbout(IEnumerable<string> needles, int max)
    {
        var wanted = needles.ToArray();
        return string.Join('\n', stack.App.Log.Split('\n').Where(line => wanted.Any(needle => line.Contains(needle, StringComparison.Ordinal))).Take(max));
    }
}

/// <summary>Image statuses in the only order they may move (labeled and failed are both final).</summary>
public static class Statuses
{
    public static int Rank(string? status) => status switch
    {
        "uploading" => 0,
        "processing" => 1,
        "labeled" or "failed" => 2,
        _ => throw new ArgumentException($"Unknown status '{status}'.", nameof(status)),
    };

    public static bool IsFinal(string? status) => status is "labeled" or "failed";
}
