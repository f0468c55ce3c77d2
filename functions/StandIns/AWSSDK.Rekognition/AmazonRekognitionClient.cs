using Amazon.Rekognition.Model;
using Amazon.Runtime;
using ImageLabelsLive.Aws.AwsProtocol;

namespace Amazon.Rekognition;

/// <summary>
/// Amazon Rekognition over its JSON 1.1 protocol (POST /, X-Amz-Target: RekognitionService.&lt;Operation&gt;),
/// signed with SigV4 as "rekognition". Endpoint: the config's ServiceURL, else AWS_ENDPOINT_URL_REKOGNITION,
/// else https://rekognition.{region}.amazonaws.com. Errors arrive as <see cref="AmazonRekognitionException"/> subtypes.
/// </summary>
public sealed class AmazonRekognitionClient : IAmazonRekognition
{
    internal const string JsonContentType = "application/x-amz-json-1.1";
    internal const string TargetPrefix = "RekognitionService";

    internal static readonly AwsServiceDescription Service = new("Rekognition", "rekognition", "rekognition", AwsErrorProtocol.Json, CreateException);

    private readonly AwsServiceTransport transport;

    public AmazonRekognitionClient()
        : this(null, new AmazonRekognitionConfig(), null)
    {
    }

    public AmazonRekognitionClient(RegionEndpoint region)
        : this(null, new AmazonRekognitionConfig { RegionEndpoint = region }, null)
    {
    }

    public AmazonRekognitionClient(AmazonRekognitionConfig config)
        : this(null, config, null)
    {
    }

    public AmazonRekognitionClient(AWSCredentials credentials)
        : this(credentials, new AmazonRekognitionConfig(), null)
    {
    }

    public AmazonRekognitionClient(AWSCredentials credentials, RegionEndpoint region)
        : this(credentials, new AmazonRekognitionConfig { RegionEndpoint = region }, null)
    {
    }

    public AmazonRekognitionClient(AWSCredentials credentials, AmazonRekognitionConfig config)
        : this(credentials, config, null)
    {
    }

    internal AmazonRekognitionClient(AWSCredentials? credentials, AmazonRekognitionConfig config, AwsTransportOverrides? overrides)
    {
        ArgumentNullException.ThrowIfNull(config);
        transport = new AwsServiceTransport(Service, config.ToSettings(), credentials, overrides);
    }

    public Task<DetectLabelsResponse> DetectLabelsAsync(DetectLabelsRequest request, CancellationToken cancellationToken = default) =>
        InvokeAsync<DetectLabelsResponse>("DetectLabels", request, cancellationToken);

    public Task<DetectFacesResponse> DetectFacesAsync(DetectFacesRequest request, CancellationToken cancellationToken = default) =>
        InvokeAsync<DetectFacesResponse>("DetectFaces", request, cancellationToken);

    public Task<DetectTextResponse> DetectTextAsync(DetectTextRequest request, CancellationToken cancellationToken = default) =>
        InvokeAsync<DetectTextResponse>("DetectText", request, cancellationToken);

    public Task<DetectModerationLabelsResponse> DetectModerationLabelsAsync(DetectModerationLabelsRequest request, CancellationToken cancellationToken = default) =>
        InvokeAsync<DetectModerationLabelsResponse>("DetectModerationLabels", request, cancellationToken);

    /// <summary>One JSON 1.1 call: the request's members as the body, the answer read into the operation's response shape.</summary>
    private async Task<TResponse> InvokeAsync<TResponse>(string operation, AmazonRekognitionRequest request, CancellationToken cancellationToken)
        where TResponse : AmazonWebServiceResponse, new()
    {
        ArgumentNullException.ThrowIfNull(request);
        var body = JsonShapes.Write(request);
        var answer = await transport.SendAsync(
            new AwsRequest(HttpMethod.Post, "/", JsonContentType, TargetPrefix + "." + operation, body),
            cancellationToken).ConfigureAwait(false);
        var response = JsonShapes.Read<TResponse>(answer.Body);
        response.HttpStatusCode = answer.StatusCode;
        response.ContentLength = answer.Body.LongLength;
        response.ResponseMetadata = new ResponseMetadata { RequestId = answer.RequestId };
        return response;
    }

    public void Dispose() => transport.Dispose();

    /// <summary>
    /// The modeled errors of the four operations, typed as the SDK's response unmarshallers type them. Any other code
    /// (LimitExceededException among them: not an error of these operations in the model) stays an
    /// AmazonRekognitionException carrying that code.
    /// </summary>
    private static AmazonRekognitionException CreateException(AwsError error) => error.Code switch
    {
        "InvalidImageFormatException" => new InvalidImageFormatException(error.Message, error.Type, error.Code, error.RequestId, error.StatusCode),
        "ImageTooLargeException" => new ImageTooLargeException(error.Message, error.Type, error.Code, error.RequestId, error.StatusCode),
        "InvalidS3ObjectException" => new InvalidS3ObjectException(error.Message, error.Type, error.Code, error.RequestId, error.StatusCode),
        "InvalidParameterException" => new InvalidParameterException(error.Message, error.Type, error.Code, error.RequestId, error.StatusCode),
        "ThrottlingException" => new ThrottlingException(error.Message, error.Type, error.Code, error.RequestId, error.StatusCode),
        "ProvisionedThroughputExceededException" => new ProvisionedThroughputExceededException(error.Message, error.Type, error.Code, error.RequestId, error.StatusCode),
        "AccessDeniedException" => new AccessDeniedException(error.Message, error.Type, error.Code, error.RequestId, error.StatusCode),
        "HumanLoopQuotaExceededException" => new HumanLoopQuotaExceededException(error.Message, error.Type, error.Code, error.RequestId, error.StatusCode),
        "ResourceNotFoundException" => new ResourceNotFoundException(error.Message, error.Type, error.Code, error.RequestId, error.StatusCode),
        "ResourceNotReadyException" => new ResourceNotReadyException(error.Message, error.Type, error.Code, error.RequestId, error.StatusCode),
        // The model names this shape InternalServerError; the SDK's class adds the Exception suffix.
        "InternalServerError" or "InternalServerErrorException" => new InternalServerErrorException(error.Message, error.Type, error.Code, error.RequestId, error.StatusCode),
        _ => new AmazonRekognitionException(error.Message, error.Type, error.Code, error.RequestId, error.StatusCode),
    };
}
