using FsCheck;
using FsCheck.Fluent;
using ImageLabelsLive.Core.Uploads;
using ImageLabelsLive.Testing.Fakes;

namespace ImageLabelsLive.Core.Tests.Uploads;

public class CreateUploadValidatorTests
{
    private static CreateUploadCommand Valid => new(Samples.FeedId, "cat.png", "image/png", 1234);

    [Theory]
    [InlineData("image/png")]
    [InlineData("image/jpeg")]
    [InlineData("IMAGE/JPEG")]
    [InlineData("image/jpg")]
    [InlineData("image/png; charset=binary")]
    public void Validate_JpegOrPng_IsAccepted(string contentType) =>
        CreateUploadValidator.Validate(Valid with { ContentType = contentType }).ShouldBeNull();

    [Theory]
    [InlineData("image/gif")]
    [InlineData("image/svg+xml")]
    [InlineData("text/html")]
    [InlineData("")]
    [InlineData(null)]
    public void Validate_OtherContentType_IsUnsupported(string? contentType) =>
        CreateUploadValidator.Validate(Valid with { ContentType = contentType })!.Code.ShouldBe("UnsupportedContentType");

    [Theory]
    [InlineData(1L, null)]
    [InlineData(15L * 1024 * 1024, null)]
    [InlineData(15L * 1024 * 1024 + 1, "TooLarge")]
    [InlineData(16L * 1024 * 1024, "TooLarge")]
    [InlineData(0L, "EmptyFile")]
    [InlineData(-5L, "EmptyFile")]
    public void Validate_Size_OneByteToFifteenMegabytes(long size, string? code) =>
        CreateUploadValidator.Validate(Valid with { Size = size })?.Code.ShouldBe(code);

    [Fact]
    public void Validate_MissingSize_SaysSizeIsRequired() =>
        CreateUploadValidator.Validate(Valid with { Size = null })!.Code.ShouldBe("InvalidSize");

    [Fact]
    public void Validate_TooLarge_MessageGivesSizeAndLimit() =>
        CreateUploadValidator.Validate(Valid with { Size = 16L * 1024 * 1024 })!.Message.ShouldBe("The file is 16 MB; the limit is 15 MB.");

    [Theory]
    [InlineData("short")]
    [InlineData("../../etc/passwd/abcdefgh")]
    [InlineData("abc\"def'ghijklmnopq")]
    [InlineData("feed id with spaces!!")]
    [InlineData(null)]
    public void Validate_BadFeedId_IsInvalidFeedId(string? feedId) =>
        CreateUploadValidator.Validate(Valid with { FeedId = feedId })!.Code.ShouldBe("InvalidFeedId");

    [Fact]
    public void Validate_TenKilobyteFeedId_IsInvalidFeedId() =>
        CreateUploadValidator.Validate(Valid with { FeedId = new string('a', 10_240) })!.Code.ShouldBe("InvalidFeedId");

    [Fact]
    public void Validate_AnyFeedId_ValidExactlyWhenBase64UrlOfSixteenToSixtyFour()
    {
        var alphabet = "ABCxyz019-_/.+= \"<".ToCharArray();
        var feedIds = Gen.Elements(alphabet).ArrayOf().Select(chars => new string(chars)).ToArbitrary();
        Prop.ForAll(feedIds, feedId =>
        {
            var expected = feedId.Length is >= 16 and <= 64 && feedId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
            return (CreateUploadValidator.Validate(Valid with { FeedId = feedId }) is null) == expected;
        }).QuickCheckThrowOnFailure();
    }
}
