
namespace ImageLabelsLive.Reliability.Tests.RunningStack;

/// <summary>The stack as a user runs it: no hook on. Chaos, load and hostile input run against it.</summary>
public sealed class PlainApp : LocalAppFixture;

/// <summary>
/// At-least-once delivery made visible: every S3 event delivered 3 times, every stream batch twice, and the first two
/// posts to @connections throttled (the start-up form of the management API hook).
/// </summary>
public sealed class DuplicatingApp() : LocalAppFixture(new Dictionary<string, string>(StringComparer.Ordinal)
{
    ["ILL_S3_EVENT_DELIVERIES"] = "3",
    ["ILL_STREAM_DUPLICATE_DELIVERIES"] = "2",
    ["ILL_MANAGEMENT_API_FAULTS"] = "429x2",
});

/// <summary>
/// Fault drills: the control endpoints (sidecars held down, management API faults), a 2-second WebSocket keep-alive so
/// vanished clients are found quickly, and a short detector patience so an outage outlasts it within the test.
/// </summary>
public sealed class FaultDrillApp() : LocalAppFixture(new Dictionary<string, string>(StringComparer.Ordinal)
{
    ["ILL_FAULT_API"] = "1",
    ["ILL_WEBSOCKET_KEEPALIVE_SECONDS"] = "2",
    ["DETECTOR_RETRY_SECONDS"] = FaultDrillApp.DetectorPatienceSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
})
{
    /// <summary>Longer than a detector restart (about 2.5 s), shorter than the outage the drill holds it down for.</summary>
    public const int DetectorPatienceSeconds = 8;
}

[CollectionDefinition(Name)]
public sealed class PlainAppGroup : ICollectionFixture<PlainApp>
{
    public const string Name = "plain stack";
}

[CollectionDefinition(Name)]
public sealed class DuplicatingAppGroup : ICollectionFixture<DuplicatingApp>
{
    public const string Name = "duplicate deliveries";
}

[CollectionDefinition(Name)]
public sealed class FaultDrillAppGroup : ICollectionFixture<FaultDrillApp>
{
    public const string Name = "fault drills";
}
