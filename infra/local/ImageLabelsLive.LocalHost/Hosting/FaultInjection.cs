using System.Globalization;
using ImageLabelsLive.LocalAws.ApiGateway;

namespace ImageLabelsLive.LocalHost.Hosting;

/// <summary>
/// The local host's fault-injection hooks, for reliability tests. Each is off unless its environment variable is set
/// when the host starts, and the host logs the ones in force. This is the one place they are documented.
/// <list type="table">
/// <item><term>ILL_S3_EVENT_DELIVERIES=N</term><description>Every S3 ObjectCreated event is delivered N times, concurrently,
/// as S3's at-least-once delivery may do (default 1).</description></item>
/// <item><term>ILL_STREAM_DUPLICATE_DELIVERIES=N</term><description>Every Images stream batch is delivered N times in a row
/// to each consumer (the event source mapping's DuplicateDeliveries; default 1).</description></item>
/// <item><term>ILL_MANAGEMENT_API_FAULTS=LIST</term><description>The first posts to @connections answer these statuses
/// instead of reaching the socket, e.g. "429x3,500x2": three 429s, then two 500s. Only 429 and 500–599.</description></item>
/// <item><term>ILL_WEBSOCKET_KEEPALIVE_SECONDS=N</term><description>How often the WebSocket endpoint pings each client; a client
/// that leaves a ping unanswered for twice that long is dropped as vanished (default 15).</description></item>
/// <item><term>ILL_FAULT_API=1</term><description>Maps the fault control endpoints (otherwise absent):
/// POST /local/faults/management-api {"status":429,"count":3,"connectionId":"…"} queues post faults (connectionId optional);
/// POST /local/faults/sidecars/{dynalite|maildev|detector}/down {"seconds":10} kills that sidecar and keeps it down that long;
/// POST /local/faults/websocket {"openDelayMs":1500} makes new sockets open that long after their $connect succeeded
/// (posts to them answer 410 meanwhile, as API Gateway's do; 0 turns it off).</description></item>
/// </list>
/// GET /local/faults always answers with the hooks in force and what they have done so far.
/// </summary>
public sealed record FaultInjection
{
    public const string S3EventDeliveriesVariable = "ILL_S3_EVENT_DELIVERIES";
    public const string StreamDuplicateDeliveriesVariable = "ILL_STREAM_DUPLICATE_DELIVERIES";
    public const string ManagementApiFaultsVariable = "ILL_MANAGEMENT_API_FAULTS";
    public const string WebSocketKeepAliveVariable = "ILL_WEBSOCKET_KEEPALIVE_SECONDS";
    public const string ControlApiVariable = "ILL_FAULT_API";

    public static TimeSpan DefaultWebSocketKeepAlive { get; } = TimeSpan.FromSeconds(15);

    public int S3EventDeliveries { get; init; } = 1;

    public int StreamDuplicateDeliveries { get; init; } = 1;

    public IReadOnlyList<ManagementApiFault> ManagementApiFaults { get; init; } = [];

    public TimeSpan WebSocketKeepAlive { get; init; } = DefaultWebSocketKeepAlive;

    public bool ControlApi { get; init; }

    /// <summary>The hooks in force, one phrase each, for the start-up log; empty when all are off.</summary>
    public IReadOnlyList<string> Describe()
    {
        var hooks = new List<string>();
        if (S3EventDeliveries > 1)
        {
            hooks.Add($"every S3 event delivered {S3EventDeliveries} times");
        }
        if (StreamDuplicateDeliveries > 1)
        {
            hooks.Add($"every stream batch delivered {StreamDuplicateDeliveries} times");
        }
        if (ManagementApiFaults.Count > 0)
        {
            hooks.Add("the first posts to @connections answer " + string.Join(", ", ManagementApiFaults.Select(fault => $"{fault.Status} x{fault.Count}")));
        }
        if (WebSocketKeepAlive != DefaultWebSocketKeepAlive)
        {
            hooks.Add($"WebSocket keep-alive every {WebSocketKeepAlive.TotalSeconds:0.#} s");
        }
        if (ControlApi)
        {
            hooks.Add("fault control endpoints under /local/faults");
        }
        return hooks;
    }

    /// <summary>Reads the hooks; a malformed value throws <see cref="ArgumentException"/> naming the variable and what it takes.</summary>
    public static FaultInjection FromEnvironment(Func<string, string?> get)
    {
        ArgumentNullException.ThrowIfNull(get);
        return new FaultInjection
        {
            S3EventDeliveries = Count(get, S3EventDeliveriesVariable, 1, 10),
            StreamDuplicateDeliveries = Count(get, StreamDuplicateDeliveriesVariable, 1, 10),
            ManagementApiFaults = ParseManagementApiFaults(Value(get, ManagementApiFaultsVariable)),
            WebSocketKeepAlive = TimeSpan.FromSeconds(Count(get, WebSocketKeepAliveVariable, (int)DefaultWebSocketKeepAlive.TotalSeconds, 3600)),
            ControlApi = Value(get, ControlApiVariable) switch
            {
                null or "0" or "false" => false,
                "1" or "true" => true,
                var other => throw new ArgumentException($"{ControlApiVariable} is 1 or 0, not '{other}'."),
            },
        };
    }

    /// <summary>"429x3,500x2" → three posts answered 429, then two answered 500. "503" alone means once.</summary>
    public static IReadOnlyList<ManagementApiFault> ParseManagementApiFaults(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }
        var faults = new List<ManagementApiFault>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var pieces = part.Split('x', 2, StringSplitOptions.TrimEntries);
            if (!int.TryParse(pieces[0], NumberStyles.None, CultureInfo.InvariantCulture, out var status) || !ManagementApiFault.IsSupportedStatus(status))
            {
                throw new ArgumentException($"{ManagementApiFaultsVariable}: '{part}' does not start with 429 or a status from 500 to 599 (write e.g. 429x3,500x2).");
            }
            var count = 1;
            if (pieces.Length == 2 && (!int.TryParse(pieces[1], NumberStyles.None, CultureInfo.InvariantCulture, out count) || count is < 1 or > 100_000))
            {
                throw new ArgumentException($"{ManagementApiFaultsVariable}: '{part}' needs a count from 1 to 100000 after the x (write e.g. 429x3).");
            }
            faults.Add(new ManagementApiFault(status, count));
        }
        return faults;
    }

    private static string? Value(Func<string, string?> get, string name) =>
        get(name) is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    private static int Count(Func<string, string?> get, string name, int fallback, int max)
    {
        if (Value(get, name) is not { } text)
        {
            return fallback;
        }
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= 1 && value <= max
            ? value
            : throw new ArgumentException($"{name} is a whole number from 1 to {max}, not '{text}'.");
    }
}
