using ImageLabelsLive.Core.Images;
using ImageLabelsLive.Testing.Fakes;

namespace ImageLabelsLive.Core.Tests.Images;

public class ObjectKeysTests
{
    [Fact]
    public void TryParse_KeyBuiltByFor_GivesBackTheIds()
    {
        var imageId = ImageIds.New();

        ObjectKeys.TryParse(ObjectKeys.For(Samples.FeedId, imageId), out var feedId, out var parsedImageId).ShouldBeTrue();

        (feedId, parsedImageId).ShouldBe((Samples.FeedId, imageId));
    }

    [Theory]
    [InlineData("other/AAAAAAAAAAAAAAAAAAAAAA/0123456789abcdef0123456789abcdef")]
    [InlineData("uploads/AAAAAAAAAAAAAAAAAAAAAA/../secret")]
    [InlineData("uploads/short/0123456789abcdef0123456789abcdef")]
    [InlineData("uploads/AAAAAAAAAAAAAAAAAAAAAA/0123456789abcdef0123456789abcdef/extra")]
    [InlineData("uploads/AAAAAAAAAAAAAAAAAAAAAA/cat.png")]
    public void TryParse_KeyNotBuiltByThisApp_IsRefused(string key) =>
        ObjectKeys.TryParse(key, out _, out _).ShouldBeFalse();

    [Fact]
    public void New_ImageIds_AreValidAndDistinct()
    {
        var ids = Enumerable.Range(0, 1000).Select(_ => ImageIds.New()).ToArray();

        ids.ShouldAllBe(id => ImageIds.IsValid(id));
        ids.Distinct().Count().ShouldBe(1000);
    }
}
