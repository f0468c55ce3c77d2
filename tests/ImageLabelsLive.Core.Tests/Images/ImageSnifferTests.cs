using ImageLabelsLive.Core.Images;

namespace ImageLabelsLive.Core.Tests.Images;

public class ImageSnifferTests
{
    [Fact]
    public void Detect_PngSignature_IsPng() =>
        ImageSniffer.Detect([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0]).ShouldBe(ImageFormat.Png);

    [Fact]
    public void Detect_JpegStartOfImage_IsJpeg() =>
        ImageSniffer.Detect([0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46]).ShouldBe(ImageFormat.Jpeg);

    [Theory]
    [InlineData("hello, this is text")]
    [InlineData("GIF89a......")]
    [InlineData("<svg xmlns=")]
    [InlineData("")]
    public void Detect_NotJpegOrPng_IsUnknown(string text) =>
        ImageSniffer.Detect(System.Text.Encoding.ASCII.GetBytes(text)).ShouldBe(ImageFormat.Unknown);

    [Fact]
    public void Detect_TruncatedPngSignature_IsUnknown() =>
        ImageSniffer.Detect([0x89, 0x50, 0x4E, 0x47]).ShouldBe(ImageFormat.Unknown);

    [SharedTheory]
    [InlineData("cat_chelsea.png", ImageFormat.Png)]
    [InlineData("dog_bicycle_truck.jpg", ImageFormat.Jpeg)]
    [InlineData("invalid/png_bytes_named_as.jpg", ImageFormat.Png)]
    [InlineData("invalid/not_an_image_text.jpg", ImageFormat.Unknown)]
    [InlineData("invalid/zero_bytes.jpg", ImageFormat.Unknown)]
    public void Detect_SharedPhotos_MatchTheirRealFormat(string file, ImageFormat expected)
    {
        var bytes = File.ReadAllBytes(ImageLabelsLive.Testing.SharedData.PathOf("images", file));
        ImageSniffer.Detect(bytes.AsSpan(0, Math.Min(bytes.Length, ImageSniffer.PrefixLength))).ShouldBe(expected);
    }
}
