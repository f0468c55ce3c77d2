using Amazon.Rekognition.Model;

namespace Amazon.Rekognition;

/// <summary>The part of AWSSDK.Rekognition's client interface this project uses.</summary>
public interface IAmazonRekognition : IDisposable
{
    Task<DetectLabelsResponse> DetectLabelsAsync(DetectLabelsRequest request, CancellationToken cancellationToken = default);

    Task<DetectFacesResponse> DetectFacesAsync(DetectFacesRequest request, CancellationToken cancellationToken = default);

    Task<DetectTextResponse> DetectTextAsync(DetectTextRequest request, CancellationToken cancellationToken = default);

    Task<DetectModerationLabelsResponse> DetectModerationLabelsAsync(DetectModerationLabelsRequest request, CancellationToken cancellationToken = default);
}
