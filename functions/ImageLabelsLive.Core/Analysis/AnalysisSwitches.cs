namespace ImageLabelsLive.Core.Analysis;

/// <summary>Which analyses ProcessImage asks for; each can be switched off (a setting on the function, CDK context on AWS).</summary>
public sealed record AnalysisSwitches(bool Labels, bool Faces, bool Text, bool Moderation, bool ImageProperties)
{
    public static AnalysisSwitches All { get; } = new(true, true, true, true, true);

    public static AnalysisSwitches LabelsOnly { get; } = new(true, false, false, false, false);
}
