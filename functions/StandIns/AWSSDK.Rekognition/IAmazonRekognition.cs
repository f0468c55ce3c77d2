using Amazon.Rekognition.Model;

namespace Amazon.Rekognition;

/// <summary>The part of AWSSDK.Rekognition's client interface this project uses.</summary>
public interface IAmazonRekognition : IDisposable
{
    Task<DetectLabelsResponse> DetectLabelsAsync(DetectLabelsRequest request, CancellationToken cancellationToken = default);
}
