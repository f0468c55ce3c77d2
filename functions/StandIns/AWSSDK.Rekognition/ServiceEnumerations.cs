using System.Diagnostics.CodeAnalysis;
using Amazon.Runtime;

namespace Amazon.Rekognition;

/// <summary>How an image was rotated to read it upright; a ConstantClass as in AWSSDK, so unknown values still round-trip.</summary>
[SuppressMessage("Naming", "CA1707:Identifiers should not contain underscores", Justification = "The SDK's member names.")]
[SuppressMessage("Usage", "CA2225:Operator overloads have named alternates", Justification = "FindValue is the SDK's named alternate.")]
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
