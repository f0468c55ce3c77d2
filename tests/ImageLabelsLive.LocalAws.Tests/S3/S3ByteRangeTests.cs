using ImageLabelsLive.LocalAws.S3;

namespace ImageLabelsLive.LocalAws.Tests.S3;

public sealed class S3ByteRangeTests
{
    [Theory]
    [InlineData("bytes=0-15", 100, 0, 16)]
    [InlineData("bytes=90-", 100, 90, 10)]
    [InlineData("bytes=-10", 100, 90, 10)]
    [InlineData("bytes=-500", 100, 0, 100)]
    [InlineData("bytes=50-1000", 100, 50, 50)]
    [InlineData("bytes=99-99", 100, 99, 1)]
    public void Resolve_SatisfiableRange_ClippedToTheObject(string header, long size, long start, long length)
    {
        S3ByteRange.Resolve(header, size, out var range).ShouldBe(S3RangeOutcome.Satisfiable);
        range.ShouldBe(new S3ByteRange(start, length));
    }

    [Theory]
    [InlineData("bytes=100-200", 100)]
    [InlineData("bytes=100-", 100)]
    [InlineData("bytes=-0", 100)]
    [InlineData("bytes=0-5", 0)]
    public void Resolve_RangeOutsideTheObject_Unsatisfiable(string header, long size) =>
        S3ByteRange.Resolve(header, size, out _).ShouldBe(S3RangeOutcome.Unsatisfiable);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("items=0-5")]
    [InlineData("bytes=5-2")]
    [InlineData("bytes=0-1,4-5")]
    [InlineData("bytes=a-b")]
    public void Resolve_NoneOrIgnorableRange_WholeObject(string? header) =>
        S3ByteRange.Resolve(header, 100, out _).ShouldBe(S3RangeOutcome.None);
}
