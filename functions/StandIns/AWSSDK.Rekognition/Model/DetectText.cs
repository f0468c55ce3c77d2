using Amazon.Rekognition;
using Amazon.Runtime;

namespace Amazon.Rekognition.Model;

/// <summary>DetectText: the image, and optional filters on word size, confidence and regions.</summary>
public class DetectTextRequest : AmazonRekognitionRequest
{
    public Image? Image { get; set; }

    public DetectTextFilters? Filters { get; set; }
}

public class DetectTextFilters
{
    public DetectionFilter? WordFilter { get; set; }

    public List<RegionOfInterest>? RegionsOfInterest { get; set; }
}

public class DetectionFilter
{
    public float? MinConfidence { get; set; }

    public float? MinBoundingBoxHeight { get; set; }

    public float? MinBoundingBoxWidth { get; set; }
}

public class RegionOfInterest
{
    public BoundingBox? BoundingBox { get; set; }

    public List<Point>? Polygon { get; set; }
}

/// <summary>A point as ratios of the image's width (X) and height (Y).</summary>
public class Point
{
    public float? X { get; set; }

    public float? Y { get; set; }
}

/// <summary>Lines and the words within them; a word's ParentId is its line's Id.</summary>
public class DetectTextResponse : AmazonWebServiceResponse
{
    public List<TextDetection>? TextDetections { get; set; }

    public string? TextModelVersion { get; set; }
}

public class TextDetection
{
    public string? DetectedText { get; set; }

    public TextTypes? Type { get; set; }

    public int? Id { get; set; }

    public int? ParentId { get; set; }

    /// <summary>0–100.</summary>
    public float? Confidence { get; set; }

    public Geometry? Geometry { get; set; }
}

/// <summary>Where detected text is: its box and a finer polygon.</summary>
public class Geometry
{
    public BoundingBox? BoundingBox { get; set; }

    public List<Point>? Polygon { get; set; }
}
