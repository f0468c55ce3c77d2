using System.Diagnostics;
using System.Text.Json;

namespace ImageLabelsLive.LocalHost.Tests;

/// <summary>
/// Faces, text and image quality end to end on the local stack: uploads go through ProcessImage with every analysis
/// on and the real detector, and each record is read back as the web API returns it. Two uploads, at once (this suite
/// is on CI's critical path): a portrait with two lines of rendered text below it (faces and text), and a darkened
/// photo (brightness).
/// </summary>
[Collection(SharedLocalApp.Name)]
public sealed class FindingsTests(LocalAppFixture stack)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    /// <summary>The page's quiet dark-photo warning starts below this brightness (frontend/src/findings.ts darkBelow).</summary>
    private const double PageDarkBelow = 25;

    private readonly AppClient client = new(stack);

    [SharedFact]
    public async Task Upload_PortraitWithRenderedTextAndADarkenedPhoto_RecordsHaveTheFaceTheLinesAndLowBrightness()
    {
        var (portraitBytes, darkBytes) = await SharpImages.MakeAsync(
            SharedData.PathOf("images", "person_portrait_grace_hopper.jpg"), ["OFFLINE TEXT", "LABELS LIVE"],
            SharedData.PathOf("images", "food_burger.jpg"), 0.15);
        var feedId = AppClient.NewFeedId();

        var records = await Task.WhenAll(
            UploadAndWaitAsync(feedId, "portrait-with-text.png", portraitBytes, "image/png"),
            UploadAndWaitAsync(feedId, "dark-burger.jpg", darkBytes, "image/jpeg"));

        var (portrait, dark) = (records[0], records[1]);
        foreach (var record in records)
        {
            foreach (var analysis in new[] { "labels", "faces", "text", "moderation", "imageProperties" })
            {
                record.GetProperty("analyses").GetProperty(analysis).GetString().ShouldBe("done", $"{analysis}: {record.GetRawText()}");
            }
            record.TryGetProperty("analysisErrors", out _).ShouldBeFalse(record.GetRawText());
        }

        // The portrait: one face, in the photo above the text strip, with an age range.
        var face = portrait.GetProperty("faces").EnumerateArray().ShouldHaveSingleItem();
        var box = face.GetProperty("boundingBox");
        box.GetProperty("width").GetDouble().ShouldBeInRange(0.05, 1);
        (box.GetProperty("top").GetDouble() + box.GetProperty("height").GetDouble()).ShouldBeLessThan(SharpImages.PhotoShareOfHeight);
        var age = face.GetProperty("ageRange");
        age.GetProperty("low").GetInt32().ShouldBeLessThan(age.GetProperty("high").GetInt32());
        // Its text: both rendered lines.
        var lines = portrait.GetProperty("text").EnumerateArray().Select(line => line.GetProperty("detectedText").GetString()!).ToArray();
        lines.ShouldContain(line => line.Contains("OFFLINE TEXT", StringComparison.Ordinal));
        lines.ShouldContain(line => line.Contains("LABELS LIVE", StringComparison.Ordinal));
        portrait.GetProperty("labels").EnumerateArray().Select(label => label.GetProperty("name").GetString()).ShouldContain("Face");
        // DetectModerationLabels ran through the same client; a portrait is not flagged.
        portrait.GetProperty("moderation").EnumerateArray().ShouldAllBe(label => label.GetProperty("confidence").GetDouble() < ImageLabelsLive.Core.Images.ModerationFlags.Threshold);

        // The dark photo: brightness under the page's warning, and its colours.
        var quality = dark.GetProperty("imageProperties").GetProperty("quality");
        quality.GetProperty("brightness").GetDouble().ShouldBeInRange(0, PageDarkBelow - 0.01);
        dark.GetProperty("imageProperties").GetProperty("dominantColors").GetArrayLength().ShouldBeGreaterThan(0);
        portrait.GetProperty("imageProperties").GetProperty("quality").GetProperty("brightness").GetDouble().ShouldBeGreaterThan(PageDarkBelow);
    }

    private async Task<JsonElement> UploadAndWaitAsync(string feedId, string fileName, byte[] bytes, string contentType)
    {
        var ticket = await client.UploadAsync(feedId, fileName, bytes, contentType);
        return await LabeledRecordAsync(ticket.ImageId);
    }

    /// <summary>Polls the web API until the image is labeled (a failure ends the wait with its error) and returns that record.</summary>
    private async Task<JsonElement> LabeledRecordAsync(string imageId)
    {
        JsonElement record = default;
        await AppClient.EventuallyAsync(
            async () =>
            {
                record = await client.GetImageAsync(imageId);
                var status = record.GetProperty("status").GetString();
                status.ShouldNotBe("failed", record.GetRawText());
                return status == "labeled";
            },
            Patience);
        return record;
    }
}

/// <summary>Test images made with the detector's own sharp (infra/local/sidecars), which renders SVG text with DejaVu Sans.</summary>
internal static class SharpImages
{
    private const int StripHeight = 220;

    /// <summary>The photo's share of the portrait-with-text image's height (the portrait is 606 px tall).</summary>
    public const double PhotoShareOfHeight = 606.0 / (606 + StripHeight);

    /// <summary>
    /// In one node process: the portrait with a white strip below it holding each line in black, 44 px (PNG), and the
    /// other photo with every channel multiplied by <paramref name="factor"/> (JPEG).
    /// </summary>
    public static async Task<(byte[] PortraitWithText, byte[] Darkened)> MakeAsync(string portrait, IReadOnlyList<string> lines, string photo, double factor)
    {
        const string Script = """
            const sharp = require('sharp');
            const [portrait, portraitOut, strip, photo, factor, darkOut, ...lines] = process.argv.slice(1);
            (async () => {
              const { width, height } = await sharp(portrait).metadata();
              const rows = lines.map((line, i) => `<text x="24" y="${80 + i * 88}" font-family="DejaVu Sans" font-size="44" fill="black">${line}</text>`).join('');
              const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${strip}"><rect width="100%" height="100%" fill="white"/>${rows}</svg>`;
              await Promise.all([
                sharp(portrait).extend({ bottom: Number(strip), background: 'white' })
                  .composite([{ input: Buffer.from(svg), left: 0, top: height }]).png().toFile(portraitOut),
                sharp(photo).linear(Number(factor), 0).jpeg({ quality: 90 }).toFile(darkOut),
              ]);
            })().catch((error) => { console.error(error); process.exit(1); });
            """;
        var portraitOut = Path.Combine(Path.GetTempPath(), $"ill-sharp-{Guid.NewGuid():N}.png");
        var darkOut = Path.Combine(Path.GetTempPath(), $"ill-sharp-{Guid.NewGuid():N}.jpg");
        var info = new ProcessStartInfo("node")
        {
            WorkingDirectory = Path.Combine(SharedData.RepositoryRoot, "infra", "local", "sidecars"),
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "-e", Script, portrait, portraitOut, StripHeight.ToString(System.Globalization.CultureInfo.InvariantCulture), photo, factor.ToString(System.Globalization.CultureInfo.InvariantCulture), darkOut }.Concat(lines))
        {
            info.ArgumentList.Add(argument);
        }
        using var node = Process.Start(info) ?? throw new InvalidOperationException("node did not start.");
        var errors = await node.StandardError.ReadToEndAsync();
        await node.WaitForExitAsync();
        try
        {
            node.ExitCode.ShouldBe(0, errors);
            return (await File.ReadAllBytesAsync(portraitOut), await File.ReadAllBytesAsync(darkOut));
        }
        finally
        {
            File.Delete(portraitOut);
            File.Delete(darkOut);
        }
    }
}
