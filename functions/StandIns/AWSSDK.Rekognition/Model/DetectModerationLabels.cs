using Amazon.Rekognition;
using Amazon.Runtime;

namespace Amazon.Rekognition.Model;

/// <summary>DetectModerationLabels: the image, the least confidence to report (Rekognition's default is 50), optional human review.</summary>
public class DetectModerationLabelsRequest : AmazonRekognitionRequest
{
    public Image? Image { get; set; }

    public float? MinConfidence { get; set; }

    public HumanLoopConfig? HumanLoopConfig { get; set; }

    /// <summary>The ARN of a custom moderation adapter's version.</summary>
    public string? ProjectVersion { get; set; }
}

public class HumanLoopConfig
{
    public string? HumanLoopName { get; set; }

    public string? FlowDefinitionArn { get; set; }

    public HumanLoopDataAttributes? DataAttributes { get; set; }
}

public class HumanLoopDataAttributes
{
    /// <summary>Values of <see cref="ContentClassifier"/>.</summary>
    public List<string>? ContentClassifiers { get; set; }
}

/// <summary>Unsafe-content labels in Rekognition's taxonomy: a top-level name with an empty ParentName, then its second and third levels.</summary>
public class DetectModerationLabelsResponse : AmazonWebServiceResponse
{
    public List<ModerationLabel>? ModerationLabels { get; set; }

    public string? ModerationModelVersion { get; set; }

    public HumanLoopActivationOutput? HumanLoopActivationOutput { get; set; }

    public string? ProjectVersion { get; set; }

    public List<ContentType>? ContentTypes { get; set; }
}

public class ModerationLabel
{
    /// <summary>0–100.</summary>
    public float? Confidence { get; set; }

    public string? Name { get; set; }

    /// <summary>Empty for a top-level label.</summary>
    public string? ParentName { get; set; }

    /// <summary>1, 2 or 3.</summary>
    public int? TaxonomyLevel { get; set; }
}

public class HumanLoopActivationOutput
{
    public string? HumanLoopArn { get; set; }

    public List<string>? HumanLoopActivationReasons { get; set; }

    /// <summary>A JSON document, as a string.</summary>
    public string? HumanLoopActivationConditionsEvaluationResults { get; set; }
}

/// <summary>A kind of content the image is (animated, illustrated), with confidence.</summary>
public class ContentType
{
    public float? Confidence { get; set; }

    public string? Name { get; set; }
}
