using Amazon.Rekognition;

namespace Amazon.Rekognition.Model;

/// <summary>DetectLabels: the image (bytes or an S3 object) and how many, how sure and which kinds of labels to return.</summary>
public class DetectLabelsRequest : AmazonRekognitionRequest
{
    public Image? Image { get; set; }

    /// <summary>At most this many labels, the most confident first.</summary>
    public int? MaxLabels { get; set; }

    /// <summary>0–100; labels below it are left out (Rekognition's default is 55).</summary>
    public float? MinConfidence { get; set; }

    /// <summary>Values of <see cref="DetectLabelsFeatureName"/>; GENERAL_LABELS when left out.</summary>
    public List<string>? Features { get; set; }

    /// <summary>Filters for GENERAL_LABELS and the number of dominant colours for IMAGE_PROPERTIES.</summary>
    public DetectLabelsSettings? Settings { get; set; }
}

/// <summary>The image to analyse: its bytes (up to 5 MB) or an S3 object (up to 15 MB) in the same region.</summary>
public class Image
{
    /// <summary>The whole stream is sent, whatever its position, as AWSSDK.Rekognition does.</summary>
    public MemoryStream? Bytes { get; set; }

    public S3Object? S3Object { get; set; }
}

/// <summary>An S3 object Rekognition reads with the caller's permissions.</summary>
public class S3Object
{
    public string? Bucket { get; set; }

    public string? Name { get; set; }

    public string? Version { get; set; }
}
