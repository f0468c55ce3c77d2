using System.Runtime.InteropServices;
using Amazon.ApiGatewayManagementApi;
using Amazon.ApiGatewayManagementApi.Model;
using Amazon.Runtime;
using ImageLabelsLive.Core.Ports;
using Polly;
using Polly.Retry;

namespace ImageLabelsLive.Aws.Messaging;

/// <summary>
/// PostToConnection and DeleteConnection through API Gateway's management API. 410 means the socket is gone; 429 and
/// 5xx are retried with jittered backoff before the failure is reported.
/// </summary>
public sealed class ApiGatewayConnectionMessenger : IConnectionMessenger
{
    private readonly IAmazonApiGatewayManagementApi api;
    private readonly ResiliencePipeline retry;

    public ApiGatewayConnectionMessenger(IAmazonApiGatewayManagementApi api, int maxRetries = 3, TimeSpan? firstDelay = null)
    {
        this.api = api;
        retry = new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<AmazonServiceException>(IsTransient).Handle<HttpRequestException>(),
                MaxRetryAttempts = maxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = firstDelay ?? TimeSpan.FromMilliseconds(50),
            })
            .Build();
    }

    public async Task<DeliveryResult> SendAsync(string connectionId, ReadOnlyMemory<byte> message, CancellationToken cancellationToken)
    {
        try
        {
            // Static lambda and state: no closure per post (thousands per push to a big feed).
            await retry.ExecuteAsync(static (state, token) => PostAsync(state.api, state.connectionId, state.message, token), (api, connectionId, message), cancellationToken).ConfigureAwait(false);
            return DeliveryResult.Delivered;
        }
        catch (GoneException)
        {
            return DeliveryResult.Gone;
        }
    }

    public async Task CloseAsync(string connectionId, CancellationToken cancellationToken)
    {
        try
        {
            await retry.ExecuteAsync(
                static async (state, token) => await state.api.DeleteConnectionAsync(new DeleteConnectionRequest { ConnectionId = state.connectionId }, token).ConfigureAwait(false),
                (api, connectionId),
                cancellationToken).ConfigureAwait(false);
        }
        catch (GoneException)
        {
            // Already closed: what closing was for.
        }
    }

    private static async ValueTask PostAsync(IAmazonApiGatewayManagementApi api, string connectionId, ReadOnlyMemory<byte> message, CancellationToken cancellationToken)
    {
        // A fresh read-only stream per attempt (a failed attempt may have read the last one) over the caller's bytes:
        // the message is serialized once per push and shared by every connection, so it is not copied per post.
        using var data = MemoryMarshal.TryGetArray(message, out var bytes)
            ? new MemoryStream(bytes.Array!, bytes.Offset, bytes.Count, writable: false, publiclyVisible: true)
            : new MemoryStream(message.ToArray(), 0, message.Length, writable: false, publiclyVisible: true);
        await api.PostToConnectionAsync(new PostToConnectionRequest { ConnectionId = connectionId, Data = data }, cancellationToken).ConfigureAwait(false);
    }

    private static bool IsTransient(AmazonServiceException exception) =>
        exception is LimitExceededException || (int)exception.StatusCode is 429 or >= 500;
}
