using ImageLabelsLive.LocalAws.S3;

namespace ImageLabelsLive.LocalAws.Tests.S3;

public sealed class S3ObjectStoreTests
{
    [Theory]
    [InlineData("../../etc/passwd")]
    [InlineData("/absolute/path")]
    [InlineData("uploads/feed/image")]
    [InlineData("C:\\windows\\..\\x")]
    [InlineData("..")]
    public void FileName_AnyKey_APlainFileNameWithoutSeparators(string key)
    {
        var name = S3ObjectStore.FileName(key);

        name.ShouldNotContain('/');
        name.ShouldNotContain('\\');
        name.ShouldNotBe("..");
        Path.GetFileName(name).ShouldBe(name);
        name.ShouldStartWith("k.");
    }

    [Fact]
    public void FileName_KeyTooLongToEncode_DigestName()
    {
        var name = S3ObjectStore.FileName(new string('x', 1024));

        name.ShouldStartWith("h.");
        name.Length.ShouldBeLessThan(100);
    }

    [Fact]
    public void FileName_KeysDifferingInCase_DifferentNames() =>
        S3ObjectStore.FileName("uploads/A").ShouldNotBe(S3ObjectStore.FileName("uploads/a"));
}
