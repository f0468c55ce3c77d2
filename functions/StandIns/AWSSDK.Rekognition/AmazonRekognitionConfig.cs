using ImageLabelsLive.Aws.AwsProtocol;

namespace Amazon.Rekognition;

/// <summary>The settings of <see cref="AmazonRekognitionClient"/> this stand-in honours, named as on AWSSDK's ClientConfig. ServiceURL: e.g. a local DetectLabels-compatible detector.</summary>
public class AmazonRekognitionConfig : StandInClientConfig
{
}
