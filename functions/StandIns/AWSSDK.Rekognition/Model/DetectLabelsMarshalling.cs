using System.Buffers;
using System.Text.Json;
using ImageLabelsLive.Aws.AwsProtocol;

namespace Amazon.Rekognition.Model.Internal.MarshallTransformations;

/// <summary>Writes DetectLabelsRequest as Rekognition's JSON: member names as in the service model, blobs as base64.</summary>
internal static class DetectLabelsRequestMarshaller
{
    public static byte[] Marshall(DetectLabelsRequest request)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            if (request.Image is { } image)
            {
                writer.WriteStartObject("Image");
                if (image.Bytes is { } bytes)
                {
                    writer.WriteBase64String("Bytes", bytes.TryGetBuffer(out var segment) ? segment.AsSpan() : bytes.ToArray());
                }
                if (image.S3Object is { } s3Object)
                {
                    writer.WriteStartObject("S3Object");
                    WriteString(writer, "Bucket", s3Object.Bucket);
                    WriteString(writer, "Name", s3Object.Name);
                    WriteString(writer, "Version", s3Object.Version);
                    writer.WriteEndObject();
                }
                writer.WriteEndObject();
            }
            if (request.MaxLabels is { } maxLabels)
            {
                writer.WriteNumber("MaxLabels", maxLabels);
            }
            if (request.MinConfidence is { } minConfidence)
            {
                writer.WriteNumber("MinConfidence", minConfidence);
            }
            if (request.Features is { } features)
            {
                writer.WriteStartArray("Features");
                foreach (var feature in features)
                {
                    writer.WriteStringValue(feature);
                }
                writer.WriteEndArray();
            }
            writer.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteString(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }
}

/// <summary>Reads Rekognition's DetectLabels answer; members this stand-in does not model are skipped.</summary>
internal static class DetectLabelsResponseUnmarshaller
{
    public static DetectLabelsResponse Unmarshall(AwsResponse response)
    {
        var result = new DetectLabelsResponse
        {
            HttpStatusCode = response.StatusCode,
            ContentLength = response.Body.LongLength,
            ResponseMetadata = new Runtime.ResponseMetadata { RequestId = response.RequestId },
        };
        using var document = JsonDocument.Parse(response.Body);
        var root = document.RootElement;
        result.LabelModelVersion = Json.String(root, "LabelModelVersion");
        result.OrientationCorrection = Json.String(root, "OrientationCorrection");
        result.Labels = Json.List(root, "Labels", ReadLabel);
        return result;
    }

    private static Label ReadLabel(JsonElement element) => new()
    {
        Name = Json.String(element, "Name"),
        Confidence = Json.Float(element, "Confidence"),
        Instances = Json.List(element, "Instances", instance => new Instance
        {
            Confidence = Json.Float(instance, "Confidence"),
            BoundingBox = instance.TryGetProperty("BoundingBox", out var box) && box.ValueKind == JsonValueKind.Object
                ? new BoundingBox
                {
                    Width = Json.Float(box, "Width"),
                    Height = Json.Float(box, "Height"),
                    Left = Json.Float(box, "Left"),
                    Top = Json.Float(box, "Top"),
                }
                : null,
        }),
        Parents = Json.List(element, "Parents", parent => new Parent { Name = Json.String(parent, "Name") }),
        Aliases = Json.List(element, "Aliases", alias => new LabelAlias { Name = Json.String(alias, "Name") }),
        Categories = Json.List(element, "Categories", category => new LabelCategory { Name = Json.String(category, "Name") }),
    };
}
