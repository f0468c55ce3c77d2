namespace ImageLabelsLive.LocalAws.Tests.Signing;

/// <summary>
/// The real clock, moved by an offset a test sets (to make a signature expire without waiting). Unlike FakeTimeProvider
/// it keeps running, which the S3 server under test needs for its timeouts.
/// </summary>
internal sealed class AdjustableTimeProvider : TimeProvider
{
    public TimeSpan Offset { get; set; }

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + Offset;
}
