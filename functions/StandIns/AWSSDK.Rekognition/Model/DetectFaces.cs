using Amazon.Rekognition;
using Amazon.Runtime;

namespace Amazon.Rekognition.Model;

/// <summary>DetectFaces: the image, and which attributes to return (DEFAULT when left out; ALL for every one).</summary>
public class DetectFacesRequest : AmazonRekognitionRequest
{
    public Image? Image { get; set; }

    /// <summary>Values of <see cref="Attribute"/>.</summary>
    public List<string>? Attributes { get; set; }
}

/// <summary>Up to the 100 largest faces in the image.</summary>
public class DetectFacesResponse : AmazonWebServiceResponse
{
    public List<FaceDetail>? FaceDetails { get; set; }

    public OrientationCorrection? OrientationCorrection { get; set; }
}

/// <summary>One face: where it is, and the attributes asked for.</summary>
public class FaceDetail
{
    public BoundingBox? BoundingBox { get; set; }

    public AgeRange? AgeRange { get; set; }

    public Smile? Smile { get; set; }

    public Eyeglasses? Eyeglasses { get; set; }

    public Sunglasses? Sunglasses { get; set; }

    public Gender? Gender { get; set; }

    public Beard? Beard { get; set; }

    public Mustache? Mustache { get; set; }

    public EyeOpen? EyesOpen { get; set; }

    public MouthOpen? MouthOpen { get; set; }

    public List<Emotion>? Emotions { get; set; }

    public List<Landmark>? Landmarks { get; set; }

    public Pose? Pose { get; set; }

    public ImageQuality? Quality { get; set; }

    /// <summary>0–100: how sure Rekognition is that this is a face.</summary>
    public float? Confidence { get; set; }

    public FaceOccluded? FaceOccluded { get; set; }

    public EyeDirection? EyeDirection { get; set; }
}

/// <summary>The estimated age, in years, as a range.</summary>
public class AgeRange
{
    public int? Low { get; set; }

    public int? High { get; set; }
}

public class Smile
{
    public bool? Value { get; set; }

    public float? Confidence { get; set; }
}

public class Eyeglasses
{
    public bool? Value { get; set; }

    public float? Confidence { get; set; }
}

public class Sunglasses
{
    public bool? Value { get; set; }

    public float? Confidence { get; set; }
}

public class Gender
{
    public GenderType? Value { get; set; }

    public float? Confidence { get; set; }
}

public class Beard
{
    public bool? Value { get; set; }

    public float? Confidence { get; set; }
}

public class Mustache
{
    public bool? Value { get; set; }

    public float? Confidence { get; set; }
}

public class EyeOpen
{
    public bool? Value { get; set; }

    public float? Confidence { get; set; }
}

public class MouthOpen
{
    public bool? Value { get; set; }

    public float? Confidence { get; set; }
}

public class FaceOccluded
{
    public bool? Value { get; set; }

    public float? Confidence { get; set; }
}

/// <summary>An emotion the face appears to express; not a determination of the person's internal state.</summary>
public class Emotion
{
    public EmotionName? Type { get; set; }

    public float? Confidence { get; set; }
}

/// <summary>A facial landmark, as ratios of the image's width (X) and height (Y).</summary>
public class Landmark
{
    public LandmarkType? Type { get; set; }

    public float? X { get; set; }

    public float? Y { get; set; }
}

/// <summary>Degrees.</summary>
public class Pose
{
    public float? Roll { get; set; }

    public float? Yaw { get; set; }

    public float? Pitch { get; set; }
}

/// <summary>The face's brightness and sharpness, 0–100.</summary>
public class ImageQuality
{
    public float? Brightness { get; set; }

    public float? Sharpness { get; set; }
}

public class EyeDirection
{
    public float? Yaw { get; set; }

    public float? Pitch { get; set; }

    public float? Confidence { get; set; }
}
