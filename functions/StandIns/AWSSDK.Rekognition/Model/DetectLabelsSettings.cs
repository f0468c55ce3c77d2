namespace Amazon.Rekognition.Model;

/// <summary>Per-feature settings of DetectLabels: which labels or categories to keep, and how many dominant colours.</summary>
public class DetectLabelsSettings
{
    public GeneralLabelsSettings? GeneralLabels { get; set; }

    public DetectLabelsImagePropertiesSettings? ImageProperties { get; set; }
}

/// <summary>Filters on GENERAL_LABELS, by label name or by category name.</summary>
public class GeneralLabelsSettings
{
    public List<string>? LabelInclusionFilters { get; set; }

    public List<string>? LabelExclusionFilters { get; set; }

    public List<string>? LabelCategoryInclusionFilters { get; set; }

    public List<string>? LabelCategoryExclusionFilters { get; set; }
}

public class DetectLabelsImagePropertiesSettings
{
    /// <summary>0–20; Rekognition's default is 10.</summary>
    public int? MaxDominantColors { get; set; }
}
