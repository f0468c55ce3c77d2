using Amazon.Runtime;
using Amazon.SimpleNotificationService.Model;
using Amazon.SimpleNotificationService.Model.Internal.MarshallTransformations;
using ImageLabelsLive.Aws.AwsProtocol;

namespace Amazon.SimpleNotificationService;

/// <summary>
/// Amazon SNS over the Query protocol (form-encoded POST /, Action=Publish|Subscribe&amp;Version=2010-03-31, XML answers),
/// signed with SigV4 as "sns". Endpoint: the config's ServiceURL, else AWS_ENDPOINT_URL_SNS, else
/// https://sns.{region}.amazonaws.com. Errors arrive as <see cref="AmazonSimpleNotificationServiceException"/> subtypes.
/// </summary>
public sealed class AmazonSimpleNotificationServiceClient : IAmazonSimpleNotificationService
{
    internal const string FormContentType = "application/x-www-form-urlencoded; charset=utf-8";

    internal static readonly AwsServiceDescription Service = new("SNS", "sns", "sns", AwsErrorProtocol.Query, CreateException);

    private readonly AwsServiceTransport transport;

    public AmazonSimpleNotificationServiceClient()
        : this(null, new AmazonSimpleNotificationServiceConfig(), null)
    {
    }

    public AmazonSimpleNotificationServiceClient(RegionEndpoint region)
        : this(null, new AmazonSimpleNotificationServiceConfig { RegionEndpoint = region }, null)
    {
    }

    public AmazonSimpleNotificationServiceClient(AmazonSimpleNotificationServiceConfig config)
        : this(null, config, null)
    {
    }

    public AmazonSimpleNotificationServiceClient(AWSCredentials credentials)
        : this(credentials, new AmazonSimpleNotificationServiceConfig(), null)
    {
    }

    public AmazonSimpleNotificationServiceClient(AWSCredentials credentials, RegionEndpoint region)
        : this(credentials, new AmazonSimpleNotificationServiceConfig { RegionEndpoint = region }, null)
    {
    }

    public AmazonSimpleNotificationServiceClient(AWSCredentials credentials, AmazonSimpleNotificationServiceConfig config)
        : this(credentials, config, null)
    {
    }

    internal AmazonSimpleNotificationServiceClient(AWSCredentials? credentials, AmazonSimpleNotificationServiceConfig config, AwsTransportOverrides? overrides)
    {
        ArgumentNullException.ThrowIfNull(config);
        transport = new AwsServiceTransport(Service, config.ToSettings(), credentials, overrides);
    }

    public async Task<PublishResponse> PublishAsync(PublishRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var body = PublishRequestMarshaller.Marshall(request);
        var response = await transport.SendAsync(
            new AwsRequest(HttpMethod.Post, "/", FormContentType, null, body),
            cancellationToken).ConfigureAwait(false);
        return PublishResponseUnmarshaller.Unmarshall(response);
    }

    public Task<PublishResponse> PublishAsync(string topicArn, string message, CancellationToken cancellationToken = default) =>
        PublishAsync(new PublishRequest(topicArn, message), cancellationToken);

    public Task<PublishResponse> PublishAsync(string topicArn, string message, string subject, CancellationToken cancellationToken = default) =>
        PublishAsync(new PublishRequest(topicArn, message, subject), cancellationToken);

    public async Task<SubscribeResponse> SubscribeAsync(SubscribeRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var body = SubscribeRequestMarshaller.Marshall(request);
        var response = await transport.SendAsync(
            new AwsRequest(HttpMethod.Post, "/", FormContentType, null, body),
            cancellationToken).ConfigureAwait(false);
        return SubscribeResponseUnmarshaller.Unmarshall(response);
    }

    public Task<SubscribeResponse> SubscribeAsync(string topicArn, string protocol, string endpoint, CancellationToken cancellationToken = default) =>
        SubscribeAsync(new SubscribeRequest(topicArn, protocol, endpoint), cancellationToken);

    public void Dispose() => transport.Dispose();

    /// <summary>Query-protocol codes are the model's error "code" values, not the shape names.</summary>
    private static AmazonSimpleNotificationServiceException CreateException(AwsError error) => error.Code switch
    {
        "NotFound" => new NotFoundException(error.Message, error.Type, error.Code, error.RequestId, error.StatusCode),
        "InvalidParameter" => new InvalidParameterException(error.Message, error.Type, error.Code, error.RequestId, error.StatusCode),
        "ParameterValueInvalid" => new InvalidParameterValueException(error.Message, error.Type, error.Code, error.RequestId, error.StatusCode),
        "Throttled" => new ThrottledException(error.Message, error.Type, error.Code, error.RequestId, error.StatusCode),
        "SubscriptionLimitExceeded" => new SubscriptionLimitExceededException(error.Message, error.Type, error.Code, error.RequestId, error.StatusCode),
        "FilterPolicyLimitExceeded" => new FilterPolicyLimitExceededException(error.Message, error.Type, error.Code, error.RequestId, error.StatusCode),
        "InvalidSecurity" => new InvalidSecurityException(error.Message, error.Type, error.Code, error.RequestId, error.StatusCode),
        "AuthorizationError" => new AuthorizationErrorException(error.Message, error.Type, error.Code, error.RequestId, error.StatusCode),
        "InternalError" => new InternalErrorException(error.Message, error.Type, error.Code, error.RequestId, error.StatusCode),
        _ => new AmazonSimpleNotificationServiceException(error.Message, error.Type, error.Code, error.RequestId, error.StatusCode),
    };
}
