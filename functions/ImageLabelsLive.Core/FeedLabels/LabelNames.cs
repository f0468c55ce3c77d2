namespace ImageLabelsLive.Core.FeedLabels;

/// <summary>Label names compare case-insensitively ("dog" finds "Dog"); this is the one normal form the index keys on.</summary>
public static class LabelNames
{
    public const int MaxLength = 100;

    public static string Normalize(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.Trim().ToUpperInvariant();
    }
}
