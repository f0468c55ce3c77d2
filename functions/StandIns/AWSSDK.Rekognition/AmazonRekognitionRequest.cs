using Amazon.Runtime;

namespace Amazon.Rekognition;

/// <summary>The base of every Rekognition request; in AWSSDK.Rekognition it lives in the service's namespace, not in Model.</summary>
public class AmazonRekognitionRequest : AmazonWebServiceRequest;
