// The names are AWSSDK.Rekognition's own (ServiceEnumerations): the wire values as field names, and a class named Attribute.
#pragma warning disable CA1707, CA1711

using Amazon.Runtime;

namespace Amazon.Rekognition;

/// <summary>Which facial attributes DetectFaces returns: DEFAULT, ALL, or single ones. A <see cref="ConstantClass"/>, as in AWSSDK.Rekognition: values the service adds later still read.</summary>
public class Attribute : ConstantClass
{
    public static readonly Attribute DEFAULT = new("DEFAULT");
    public static readonly Attribute ALL = new("ALL");
    public static readonly Attribute AGE_RANGE = new("AGE_RANGE");
    public static readonly Attribute BEARD = new("BEARD");
    public static readonly Attribute EMOTIONS = new("EMOTIONS");
    public static readonly Attribute EYE_DIRECTION = new("EYE_DIRECTION");
    public static readonly Attribute EYEGLASSES = new("EYEGLASSES");
    public static readonly Attribute EYES_OPEN = new("EYES_OPEN");
    public static readonly Attribute GENDER = new("GENDER");
    public static readonly Attribute MOUTH_OPEN = new("MOUTH_OPEN");
    public static readonly Attribute MUSTACHE = new("MUSTACHE");
    public static readonly Attribute FACE_OCCLUDED = new("FACE_OCCLUDED");
    public static readonly Attribute SMILE = new("SMILE");
    public static readonly Attribute SUNGLASSES = new("SUNGLASSES");

    public Attribute(string value)
        : base(value)
    {
    }

    public static Attribute FindValue(string value) => FindValue<Attribute>(value);

    public static implicit operator Attribute(string value) => FindValue(value);
}

/// <summary>The emotion a face appears to show. A <see cref="ConstantClass"/>, as in AWSSDK.Rekognition: values the service adds later still read.</summary>
public class EmotionName : ConstantClass
{
    public static readonly EmotionName HAPPY = new("HAPPY");
    public static readonly EmotionName SAD = new("SAD");
    public static readonly EmotionName ANGRY = new("ANGRY");
    public static readonly EmotionName CONFUSED = new("CONFUSED");
    public static readonly EmotionName DISGUSTED = new("DISGUSTED");
    public static readonly EmotionName SURPRISED = new("SURPRISED");
    public static readonly EmotionName CALM = new("CALM");
    public static readonly EmotionName UNKNOWN = new("UNKNOWN");
    public static readonly EmotionName FEAR = new("FEAR");

    public EmotionName(string value)
        : base(value)
    {
    }

    public static EmotionName FindValue(string value) => FindValue<EmotionName>(value);

    public static implicit operator EmotionName(string value) => FindValue(value);
}

/// <summary>A detected line of text, or one word of it. A <see cref="ConstantClass"/>, as in AWSSDK.Rekognition: values the service adds later still read.</summary>
public class TextTypes : ConstantClass
{
    public static readonly TextTypes LINE = new("LINE");
    public static readonly TextTypes WORD = new("WORD");

    public TextTypes(string value)
        : base(value)
    {
    }

    public static TextTypes FindValue(string value) => FindValue<TextTypes>(value);

    public static implicit operator TextTypes(string value) => FindValue(value);
}

/// <summary>How the image was rotated to read it. A <see cref="ConstantClass"/>, as in AWSSDK.Rekognition: values the service adds later still read.</summary>
public class OrientationCorrection : ConstantClass
{
    public static readonly OrientationCorrection ROTATE_0 = new("ROTATE_0");
    public static readonly OrientationCorrection ROTATE_90 = new("ROTATE_90");
    public static readonly OrientationCorrection ROTATE_180 = new("ROTATE_180");
    public static readonly OrientationCorrection ROTATE_270 = new("ROTATE_270");

    public OrientationCorrection(string value)
        : base(value)
    {
    }

    public static OrientationCorrection FindValue(string value) => FindValue<OrientationCorrection>(value);

    public static implicit operator OrientationCorrection(string value) => FindValue(value);
}

/// <summary>A predicted gender presentation. A <see cref="ConstantClass"/>, as in AWSSDK.Rekognition: values the service adds later still read.</summary>
public class GenderType : ConstantClass
{
    public static readonly GenderType Male = new("Male");
    public static readonly GenderType Female = new("Female");

    public GenderType(string value)
        : base(value)
    {
    }

    public static GenderType FindValue(string value) => FindValue<GenderType>(value);

    public static implicit operator GenderType(string value) => FindValue(value);
}

/// <summary>A facial landmark. A <see cref="ConstantClass"/>, as in AWSSDK.Rekognition: values the service adds later still read.</summary>
public class LandmarkType : ConstantClass
{
    public static readonly LandmarkType EyeLeft = new("eyeLeft");
    public static readonly LandmarkType EyeRight = new("eyeRight");
    public static readonly LandmarkType Nose = new("nose");
    public static readonly LandmarkType MouthLeft = new("mouthLeft");
    public static readonly LandmarkType MouthRight = new("mouthRight");
    public static readonly LandmarkType LeftEyeBrowLeft = new("leftEyeBrowLeft");
    public static readonly LandmarkType LeftEyeBrowRight = new("leftEyeBrowRight");
    public static readonly LandmarkType LeftEyeBrowUp = new("leftEyeBrowUp");
    public static readonly LandmarkType RightEyeBrowLeft = new("rightEyeBrowLeft");
    public static readonly LandmarkType RightEyeBrowRight = new("rightEyeBrowRight");
    public static readonly LandmarkType RightEyeBrowUp = new("rightEyeBrowUp");
    public static readonly LandmarkType LeftEyeLeft = new("leftEyeLeft");
    public static readonly LandmarkType LeftEyeRight = new("leftEyeRight");
    public static readonly LandmarkType LeftEyeUp = new("leftEyeUp");
    public static readonly LandmarkType LeftEyeDown = new("leftEyeDown");
    public static readonly LandmarkType RightEyeLeft = new("rightEyeLeft");
    public static readonly LandmarkType RightEyeRight = new("rightEyeRight");
    public static readonly LandmarkType RightEyeUp = new("rightEyeUp");
    public static readonly LandmarkType RightEyeDown = new("rightEyeDown");
    public static readonly LandmarkType NoseLeft = new("noseLeft");
    public static readonly LandmarkType NoseRight = new("noseRight");
    public static readonly LandmarkType MouthUp = new("mouthUp");
    public static readonly LandmarkType MouthDown = new("mouthDown");
    public static readonly LandmarkType LeftPupil = new("leftPupil");
    public static readonly LandmarkType RightPupil = new("rightPupil");
    public static readonly LandmarkType UpperJawlineLeft = new("upperJawlineLeft");
    public static readonly LandmarkType MidJawlineLeft = new("midJawlineLeft");
    public static readonly LandmarkType ChinBottom = new("chinBottom");
    public static readonly LandmarkType MidJawlineRight = new("midJawlineRight");
    public static readonly LandmarkType UpperJawlineRight = new("upperJawlineRight");

    public LandmarkType(string value)
        : base(value)
    {
    }

    public static LandmarkType FindValue(string value) => FindValue<LandmarkType>(value);

    public static implicit operator LandmarkType(string value) => FindValue(value);
}

/// <summary>What DetectLabels returns: labels, image properties, or both. A <see cref="ConstantClass"/>, as in AWSSDK.Rekognition: values the service adds later still read.</summary>
public class DetectLabelsFeatureName : ConstantClass
{
    public static readonly DetectLabelsFeatureName GENERAL_LABELS = new("GENERAL_LABELS");
    public static readonly DetectLabelsFeatureName IMAGE_PROPERTIES = new("IMAGE_PROPERTIES");

    public DetectLabelsFeatureName(string value)
        : base(value)
    {
    }

    public static DetectLabelsFeatureName FindValue(string value) => FindValue<DetectLabelsFeatureName>(value);

    public static implicit operator DetectLabelsFeatureName(string value) => FindValue(value);
}

/// <summary>What a human review loop may be told about the image. A <see cref="ConstantClass"/>, as in AWSSDK.Rekognition: values the service adds later still read.</summary>
public class ContentClassifier : ConstantClass
{
    public static readonly ContentClassifier FreeOfPersonallyIdentifiableInformation = new("FreeOfPersonallyIdentifiableInformation");
    public static readonly ContentClassifier FreeOfAdultContent = new("FreeOfAdultContent");

    public ContentClassifier(string value)
        : base(value)
    {
    }

    public static ContentClassifier FindValue(string value) => FindValue<ContentClassifier>(value);

    public static implicit operator ContentClassifier(string value) => FindValue(value);
}
