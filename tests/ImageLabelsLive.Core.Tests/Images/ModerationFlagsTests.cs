using System.Globalization;
using System.Text.RegularExpressions;
using ImageLabelsLive.Core.Images;
using ImageLabelsLive.Testing.Fakes;

namespace ImageLabelsLive.Core.Tests.Images;

public partial class ModerationFlagsTests
{
    private static ImageRecord WithModeration(params double[] confidences) => Samples.Record(ImageStatus.Labeled) with
    {
        Moderation = [.. confidences.Select(confidence => new ModerationLabel("Violence", "", confidence, 1))],
    };

    [Fact]
    public void Flags_LabelAtTheThresholdAndOneJustBelow_KeepsOnlyTheOneAtIt()
    {
        var image = WithModeration(ModerationFlags.Threshold, ModerationFlags.Threshold - 0.1);

        ModerationFlags.Flags(image).Select(label => label.Confidence).ShouldBe([ModerationFlags.Threshold]);
        ModerationFlags.IsFlagged(image).ShouldBeTrue();
        ModerationFlags.IsFlagged(WithModeration(ModerationFlags.Threshold - 0.1)).ShouldBeFalse();
    }

    [Fact]
    public void Threshold_PagesMirrorInFindingsTs_IsTheSameFigure()
    {
        // The page blurs at the same figure the emails flag at; frontend/src/findings.ts declares it as
        // moderationThreshold, and this keeps the two declarations one figure.
        var findings = File.ReadAllText(Path.Combine(SharedData.RepositoryRoot, "frontend", "src", "findings.ts"));

        var declared = PageThreshold().Match(findings);

        declared.Success.ShouldBeTrue("frontend/src/findings.ts no longer declares `export const moderationThreshold = <number>;`");
        double.Parse(declared.Groups["value"].Value, CultureInfo.InvariantCulture).ShouldBe(ModerationFlags.Threshold);
    }

    [GeneratedRegex(@"export const moderationThreshold = (?<value>[0-9.]+);")]
    private static partial Regex PageThreshold();
}
