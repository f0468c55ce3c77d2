using System.Net;
using System.Net.Http.Headers;
using Amazon.Runtime;

namespace ImageLabelsLive.Aws.AwsProtocol;

/// <summary>One request to an AWS service: the operation's method and path (below the endpoint's own path), body and protocol headers.</summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="Path">Starts with '/', already percent-encoded.</param>
/// <param name="ContentType">The body's media type, when there is a body.</param>
/// <param name="Target">The X-Amz-Target header of JSON-protocol services.</param>
/// <param name="Body">The request body.</param>
internal readonly record struct AwsRequest(HttpMethod Method, string Path, string? ContentType, string? Target, ReadOnlyMemory<byte> Body);

/// <summary>A successful answer.</summary>
internal sealed record AwsResponse(HttpStatusCode StatusCode, byte[] Body, string? RequestId);

/// <summary>
/// The signing HTTP transport the three stand-in clients share: one pooled HttpClient per client instance,
/// each request signed by <see cref="AwsRequestSigner"/> and retried as the config's MaxErrorRetry says; an error
/// answer becomes the service's typed exception.
/// </summary>
internal sealed class AwsServiceTransport : IDisposable
{
    private static readonly string[] RequestIdHeaders = ["x-amzn-RequestId", "x-amz-request-id"];
    private static readonly string[] ErrorTypeHeaders = ["x-amzn-ErrorType"];

    private readonly AwsServiceDescription service;
    private readonly AwsRequestSigner signer;
    private readonly HttpClient http;
    private readonly string origin;
    private readonly string basePath;
    private readonly int maxErrorRetry;

    public AwsServiceTransport(AwsServiceDescription service, AwsClientSettings settings, AWSCredentials? credentials, AwsTransportOverrides? overrides)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(settings);
        this.service = service;
        Endpoint = AwsEndpoint.Resolve(service, settings, overrides?.Environment ?? Environment.GetEnvironmentVariable);
        signer = new AwsRequestSigner(new AwsCredentialSource(credentials), Endpoint.SigningRegion, service.SigningName, overrides?.SigningClock);
        origin = Endpoint.BaseUri.GetLeftPart(UriPartial.Authority);
        // A ServiceURL may carry a path (API Gateway's stage: https://{api}.execute-api.{region}.amazonaws.com/prod).
        basePath = Endpoint.BaseUri.AbsolutePath.TrimEnd('/');
        http = overrides?.Handler is { } handler
            ? new HttpClient(handler, disposeHandler: false)
            : new HttpClient(CreateHandler(settings), disposeHandler: true);
        http.Timeout = settings.Timeout ?? TimeSpan.FromSeconds(100);
        maxErrorRetry = Math.Max(0, settings.MaxErrorRetry);
    }

    public AwsEndpoint Endpoint { get; }

    /// <summary>
    /// Sends the request, and resends it up to MaxErrorRetry times (each attempt signed afresh) after a throttled,
    /// timed-out, 5xx or unreachable attempt, waiting a jittered exponential backoff (at most 20 s) in between,
    /// as the SDK's standard retry mode does.
    /// </summary>
    public async Task<AwsResponse> SendAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await SendOnceAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception failure) when (attempt < maxErrorRetry && IsRetryable(failure, cancellationToken))
            {
                var ceiling = Math.Min(MaxBackoff.TotalSeconds, Math.Pow(2, attempt));
                await Task.Delay(TimeSpan.FromSeconds(Random.Shared.NextDouble() * ceiling), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>The standard retry mode's retryable failures: throttling and transient error codes, 5xx, and connection or timeout failures.</summary>
    internal static bool IsRetryable(Exception failure, CancellationToken cancellationToken) => failure switch
    {
        AmazonServiceException service => service.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.InternalServerError
            or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout
            || (service.ErrorCode is { } code && RetryableCodes.Contains(code)),
        HttpRequestException => true,
        TaskCanceledException => !cancellationToken.IsCancellationRequested,
        _ => false,
    };

    private static readonly HashSet<string> RetryableCodes = new(StringComparer.Ordinal)
    {
        "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException", "TooManyRequestsException",
        "ProvisionedThroughputExceededException", "TransactionInProgressException", "RequestLimitExceeded",
        "BandwidthLimitExceeded", "LimitExceededException", "RequestThrottled", "SlowDown", "PriorRequestNotComplete",
        "EC2ThrottledException", "RequestTimeout", "RequestTimeoutException",
    };

    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(20);

    private async Task<AwsResponse> SendOnceAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(request.Method, new Uri(origin + basePath + request.Path, UriKind.Absolute));
        if (request.ContentType is not null)
        {
            message.Content = new ReadOnlyMemoryContent(request.Body);
            message.Content.Headers.TryAddWithoutValidation("Content-Type", request.ContentType);
        }
        if (request.Target is not null)
        {
            message.Headers.TryAddWithoutValidation("X-Amz-Target", request.Target);
        }
        await signer.SignAsync(message, request.Body, cancellationToken).ConfigureAwait(false);

        using var response = await http.SendAsync(message, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        var requestId = FirstHeader(response.Headers, RequestIdHeaders);
        if (response.IsSuccessStatusCode)
        {
            return new AwsResponse(response.StatusCode, body, requestId);
        }
        var error = AwsErrorReader.Read(service.ErrorProtocol, response.StatusCode, FirstHeader(response.Headers, ErrorTypeHeaders), requestId, body);
        throw service.CreateException(error);
    }

    public void Dispose() => http.Dispose();

    /// <summary>
    /// A pool sized for the pusher's fan-out (thousands of small posts a second to one host), recycled every
    /// few minutes so DNS changes are seen; redirects are never followed because a redirected hop would be unsigned.
    /// </summary>
    private static SocketsHttpHandler CreateHandler(AwsClientSettings settings) => new()
    {
        MaxConnectionsPerServer = settings.MaxConnectionsPerServer ?? 1024,
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        PooledConnectionIdleTimeout = TimeSpan.FromSeconds(50),
        ConnectTimeout = TimeSpan.FromSeconds(10),
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.None,
        UseCookies = false,
    };

    private static string? FirstHeader(HttpResponseHeaders headers, string[] names)
    {
        foreach (var name in names)
        {
            if (headers.TryGetValues(name, out var values))
            {
                foreach (var value in values)
                {
                    return value;
                }
            }
        }
        return null;
    }
}
