namespace ImageLabelsLive.LocalAws.Tests.Signing;

/// <summary>The real clock, moved by an offset a test sets (to make a signature expire without waiting).</summary>
internal sealed class AdjustableTimeProvider(DateTimeOffset? fixedNow = null) : TimeProvider
{
    public TimeSpan Offset { get; set; }

    public override DateTimeOffset GetUtcNow() => (fixedNow ?? base.GetUtcNow()) + Offset;
}
