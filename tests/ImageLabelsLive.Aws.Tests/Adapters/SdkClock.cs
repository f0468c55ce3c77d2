using System.Reflection;
using Amazon;

namespace ImageLabelsLive.Aws.Tests.Adapters;

/// <summary>
/// Freezes AWSSDK.Core's clock. The S3 presigner takes "now" from it with no parameter to pass a time, so
/// reproducing a SigV4 vector at its fixed timestamp means setting the SDK's own clock source (an internal
/// field, found by reflection). Tests that do this run in <see cref="FrozenSdkClockGroup"/>, alone.
/// </summary>
internal sealed class SdkClock : IDisposable
{
    private static readonly FieldInfo Source = typeof(AWSConfigs).GetField("utcNowSource", BindingFlags.NonPublic | BindingFlags.Static)
        ?? throw new InvalidOperationException("AWSSDK.Core no longer has AWSConfigs.utcNowSource; the presign vector tests need another way to fix the SDK's clock.");

    private readonly object? previous;

    private SdkClock(DateTime utcNow)
    {
        previous = Source.GetValue(null);
        Source.SetValue(null, new Func<DateTime>(() => utcNow));
    }

    public static SdkClock FrozenAt(DateTime utcNow) => new(DateTime.SpecifyKind(utcNow, DateTimeKind.Utc));

    public void Dispose() => Source.SetValue(null, previous);
}

/// <summary>The SDK clock is process-wide: these tests run after the parallel ones, one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FrozenSdkClockGroup
{
    public const string Name = "frozen AWSSDK clock";
}
