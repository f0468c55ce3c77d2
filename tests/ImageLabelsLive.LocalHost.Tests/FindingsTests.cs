using System.Diagnostics;
using System.Text.Json;

namespace ImageLabelsLive.LocalHost.Tests;

/// <summary>
/// Faces, text and image quality end to end on the local stack: an upload goes through ProcessImage with every
/// analysis on and the real detector, and the record is read back as the web API returns it. Two uploads in all:
/// a portrait with a line of rendered text below it (faces and text), and a darkened photo (brightness).
/// </summary>
[Collection(SharedLocalApp.Name)]
public sealed class FindingsTests(LocalAppFixture stack)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    /// <summary>The page's quiet dark-photo warning starts below this brightness (frontend/src/findings.ts darkBelow).</summary>
    private const double PageDarkBelow = 25;

    private readonly AppClient client = new(stack);

    [SharedFact]
    public async Task Upload_PortraitWithRenderedTextBelow_RecordHasFaceWithAgeRangeAndTheTextLines()
    {
        var bytes = await SharpImages.PortraitWithTextAsync(SharedData.PathOf("images", "person_portrait_grace_hopper.jpg"), "OFFLINE TEXT", "LABELS LIVE");
        var feedId = AppClient.NewFeedId();

        var ticket = await client.UploadAsync(feedId, "portrait-with-text.png", bytes);
        var record = await LabeledRecordAsync(ticket.ImageId);

        record.GetProperty("analyses").GetProperty("faces").GetString().ShouldBe("done");
        record.GetProperty("analyses").GetProperty("text").GetString().ShouldBe("done");
        // DetectModerationLabels ran through the same client; a portrait is not flagged.
        record.GetProperty("analyses").GetProperty("moderation").GetString().ShouldBe("done");
        record.GetProperty("moderation").EnumerateArray().ShouldAllBe(label => label.GetProperty("confidence").GetDouble() < ImageLabelsLive.Core.Images.ModerationFlags.Threshold);
        var face = record.GetProperty("faces").EnumerateArray().ShouldHaveSingleItem();
        var box = face.GetProperty("boundingBox");
        box.GetProperty("width").GetDouble().ShouldBeInRange(0.05, 1);
        // The face is in the photo, above the text strip that takes the bottom of the image.
        (box.GetProperty("top").GetDouble() + box.GetProperty("height").GetDouble()).ShouldBeLessThan(SharpImages.PhotoShareOfHeight);
        var age = face.GetProperty("ageRange");
        age.GetProperty("low").GetInt32().ShouldBeLessThan(age.GetProperty("high").GetInt32());
        var lines = record.GetProperty("text").EnumerateArray().Select(line => line.GetProperty("detectedText").GetString()!).ToArray();
        lines.ShouldContain(line => line.Contains("OFFLINE TEXT", StringComparison.Ordinal));
        lines.ShouldContain(line => line.Contains("LABELS LIVE", StringComparison.Ordinal));
        record.GetProperty("labels").EnumerateArray().Select(label => label.GetProperty("name").GetString()).ShouldContain("Face");
        record.TryGetProperty("analysisErrors", out _).ShouldBeFalse();
    }

    [SharedFact]
    public async Task Upload_DarkenedPhoto_RecordHasBrightnessBelowThePagesDarkWarning()
    {
        var photo = SharedData.PathOf("images", "food_burger.jpg");
        var dark = await SharpImages.DarkenedAsync(photo, 0.15);
        var feedId = AppClient.NewFeedId();

        var ticket = await client.UploadAsync(feedId, "dark-burger.jpg", dark, "image/jpeg");
        var record = await LabeledRecordAsync(ticket.ImageId);

        record.GetProperty("analyses").GetProperty("imageProperties").GetString().ShouldBe("done");
        var quality = record.GetProperty("imageProperties").GetProperty("quality");
        quality.GetProperty("brightness").GetDouble().ShouldBeInRange(0, PageDarkBelow - 0.01);
        record.GetProperty("imageProperties").GetProperty("dominantColors").GetArrayLength().ShouldBeGreaterThan(0);
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

    /// <summary>The photo with a white strip below it holding each line in black, 44 px.</summary>
    public static Task<byte[]> PortraitWithTextAsync(string photo, params string[] lines) => RunAsync(
        """
        const sharp = require('sharp');
        const [photo, out, strip, ...lines] = process.argv.slice(1);
        (async () => {
          const { width, height } = await sharp(photo).metadata();
          const rows = lines.map((line, i) => `<text x="24" y="${80 + i * 88}" font-family="DejaVu Sans" font-size="44" fill="black">${line}</text>`).join('');
          const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${strip}"><rect width="100%" height="100%" fill="white"/>${rows}</svg>`;
          await sharp(photo).extend({ bottom: Number(strip), background: 'white' })
            .composite([{ input: Buffer.from(svg), left: 0, top: height }]).png().toFile(out);
        })().catch((error) => { console.error(error); process.exit(1); });
        """,
        [photo, "{out}", StripHeight.ToString(System.Globalization.CultureInfo.InvariantCulture), .. lines]);

    /// <summary>The photo with every channel multiplied by <paramref name="factor"/>, as JPEG.</summary>
    public static Task<byte[]> DarkenedAsync(string photo, double factor) => RunAsync(
        """
        const sharp = require('sharp');
        const [photo, out, factor] = process.argv.slice(1);
        sharp(photo).linear(Number(factor), 0).jpeg({ quality: 90 }).toFile(out)
          .catch((error) => { console.error(error); process.exit(1); });
        """,
        [photo, "{out}", factor.ToString(System.Globalization.CultureInfo.InvariantCulture)]);

    private static async Task<byte[]> RunAsync(string script, IReadOnlyList<string> arguments)
    {
        var output = Path.Combine(Path.GetTempPath(), $"ill-sharp-{Guid.NewGuid():N}");
        var info = new ProcessStartInfo("node")
        {
            WorkingDirectory = Path.Combine(SharedData.RepositoryRoot, "infra", "local", "sidecars"),
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("-e");
        info.ArgumentList.Add(script);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument == "{out}" ? output : argument);
        }
        using var node = Process.Start(info) ?? throw new InvalidOperationException("node did not start.");
        var errors = await node.StandardError.ReadToEndAsync();
        await node.WaitForExitAsync();
        try
        {
            node.ExitCode.ShouldBe(0, errors);
            return await File.ReadAllBytesAsync(output);
        }
        finally
        {
            File.Delete(output);
        }
    }
}
