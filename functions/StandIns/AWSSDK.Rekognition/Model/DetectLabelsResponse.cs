using Amazon.Runtime;

namespace Amazon.Rekognition.Model;

/// <summary>The labels Rekognition found, most confident first.</summary>
public class DetectLabelsResponse : AmazonWebServiceResponse
{
    public List<Label>? Labels { get; set; }

    public string? LabelModelVersion { get; set; }

    public OrientationCorrection? OrientationCorrection { get; set; }

    /// <summary>Present when IMAGE_PROPERTIES was asked for.</summary>
    public DetectLabelsImageProperties? ImageProperties { get; set; }
}

/// <summary>A detected label: a thing, concept or scene, with where it is when it is an object.</summary>
public class Label
{
    public string? Name { get; set; }

    /// <summary>0–100.</summary>
    public float? Confidence { get; set; }

    /// <summary>One per occurrence of an object, each with its bounding box; empty for scenes and concepts.</summary>
    public List<Instance>? Instances { get; set; }

    /// <summary>The broader labels this one belongs to (Cat → Pet, Animal, Mammal).</summary>
    public List<Parent>? Parents { get; set; }

    public List<LabelAlias>? Aliases { get; set; }

    public List<LabelCategory>? Categories { get; set; }
}

public class Instance
{
    public BoundingBox? BoundingBox { get; set; }

    public float? Confidence { get; set; }

    /// <summary>The object's own dominant colours, with IMAGE_PROPERTIES.</summary>
    public List<DominantColor>? DominantColors { get; set; }
}

/// <summary>Ratios of the image's width (Left, Width) and height (Top, Height).</summary>
public class BoundingBox
{
    public float? Width { get; set; }

    public float? Height { get; set; }

    public float? Left { get; set; }

    public float? Top { get; set; }
}

public class Parent
{
    public string? Name { get; set; }
}

public class LabelAlias
{
    public string? Name { get; set; }
}

public class LabelCategory
{
    public string? Name { get; set; }
}
