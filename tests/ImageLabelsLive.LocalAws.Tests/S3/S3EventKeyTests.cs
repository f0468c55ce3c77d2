using System.Net;
using ImageLabelsLive.LocalAws.S3;

namespace ImageLabelsLive.LocalAws.Tests.S3;

public sealed class S3EventKeyTests
{
    [Theory]
    [InlineData("uploads/feed/image", "uploads/feed/image")]
    [InlineData("Happy Face.jpg", "Happy+Face.jpg")]
    [InlineData("a+b", "a%2Bb")]
    [InlineData("ñ ✓", "%C3%B1+%E2%9C%93")]
    [InlineData("x(1)=y&z~", "x%281%29%3Dy%26z%7E")]
    [InlineData("a-b_c.d*e", "a-b_c.d*e")]
    public void Encode_Key_AsS3WritesItIntoEvents(string key, string expected) =>
        S3EventKey.Encode(key).ShouldBe(expected);

    [Theory]
    [InlineData("uploads/feed 1/my photo+(2).png")]
    [InlineData("uploads/Zm9v_YmFy-/日本語 ✓%20.jpg")]
    public void Encode_ThenUrlDecode_GivesTheKeyBack(string key) =>
        WebUtility.UrlDecode(S3EventKey.Encode(key)).ShouldBe(key);
}
