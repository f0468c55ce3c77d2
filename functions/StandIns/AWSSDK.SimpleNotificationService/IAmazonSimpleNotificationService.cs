using Amazon.SimpleNotificationService.Model;

namespace Amazon.SimpleNotificationService;

/// <summary>The part of AWSSDK.SimpleNotificationService's client interface this project uses.</summary>
public interface IAmazonSimpleNotificationService : IDisposable
{
    Task<PublishResponse> PublishAsync(PublishRequest request, CancellationToken cancellationToken = default);

    Task<PublishResponse> PublishAsync(string topicArn, string message, CancellationToken cancellationToken = default);

    Task<PublishResponse> PublishAsync(string topicArn, string message, string subject, CancellationToken cancellationToken = default);

    Task<SubscribeResponse> SubscribeAsync(SubscribeRequest request, CancellationToken cancellationToken = default);

    Task<SubscribeResponse> SubscribeAsync(string topicArn, string protocol, string endpoint, CancellationToken cancellationToken = default);
}
