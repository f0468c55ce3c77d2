using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using ImageLabelsLive.Core.Uploads;

namespace ImageLabelsLive.Core.Tests.Uploads;

public class DisplayFileNameTests
{
    [Fact]
    public void Clean_ControlCharacters_AreRemoved() =>
        DisplayFileName.Clean("cat\r\n\t\u0000.png").ShouldBe("cat.png");

    [Fact]
    public void Clean_RightToLeftOverride_IsRemoved() =>
        DisplayFileName.Clean("invoice\u202Egnp.exe").ShouldBe("invoicegnp.exe");

    [Fact]
    public void Clean_HtmlAndPathTraversal_AreKeptAsPlainText() =>
        DisplayFileName.Clean("../../<img src=x onerror=alert(1)>.png").ShouldBe("../../<img src=x onerror=alert(1)>.png");

    [Fact]
    public void Clean_TenKilobyteName_IsCutTo255Characters() =>
        DisplayFileName.Clean(new string('a', 10_240) + ".png").Length.ShouldBe(255);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\u0001\u202E")]
    public void Clean_NothingShowable_FallsBackToImage(string? name) =>
        DisplayFileName.Clean(name).ShouldBe(DisplayFileName.Fallback);

    [Fact]
    public void Clean_EmojiAtTheLimit_IsNotSplitInHalf()
    {
        var cleaned = DisplayFileName.Clean(new string('a', 254) + "😀");

        cleaned.ShouldBe(new string('a', 254));
    }

    [Fact]
    public void Clean_AnyText_IsShortAndHasNoControlOrFormatCharacters()
    {
        Prop.ForAll<string>(name =>
        {
            var cleaned = DisplayFileName.Clean(name);
            return cleaned.Length is > 0 and <= DisplayFileName.MaxLength
                && !cleaned.Any(c => CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.Control or UnicodeCategory.Format);
        }).QuickCheckThrowOnFailure();
    }
}
