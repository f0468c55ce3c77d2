namespace Amazon.Rekognition.Model;

/// <summary>IMAGE_PROPERTIES: the whole image's quality and dominant colours, and the same for its foreground and background.</summary>
public class DetectLabelsImageProperties
{
    public DetectLabelsImageQuality? Quality { get; set; }

    public List<DominantColor>? DominantColors { get; set; }

    public DetectLabelsImageForeground? Foreground { get; set; }

    public DetectLabelsImageBackground? Background { get; set; }
}

/// <summary>Each 0–100.</summary>
public class DetectLabelsImageQuality
{
    public float? Brightness { get; set; }

    public float? Sharpness { get; set; }

    public float? Contrast { get; set; }
}

public class DetectLabelsImageForeground
{
    public DetectLabelsImageQuality? Quality { get; set; }

    public List<DominantColor>? DominantColors { get; set; }
}

public class DetectLabelsImageBackground
{
    public DetectLabelsImageQuality? Quality { get; set; }

    public List<DominantColor>? DominantColors { get; set; }
}

/// <summary>A colour that covers part of the image: its RGB, hex code, nearest CSS colour name and one of twelve simplified names.</summary>
public class DominantColor
{
    public int? Red { get; set; }

    public int? Blue { get; set; }

    public int? Green { get; set; }

    public string? HexCode { get; set; }

    public string? CSSColor { get; set; }

    public string? SimplifiedColor { get; set; }

    /// <summary>0–100.</summary>
    public float? PixelPercent { get; set; }
}
