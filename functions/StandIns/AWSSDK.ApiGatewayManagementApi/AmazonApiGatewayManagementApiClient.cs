using System.Net;
using System.Text.Json;
using Amazon.ApiGatewayManagementApi.Model;
using Amazon.Runtime;
using ImageLabelsLive.Aws.AwsProtocol;

namespace Amazon.ApiGatewayManagementApi;

/// <summary>
/// API Gateway's WebSocket management API over REST-JSON: POST/GET/DELETE {ServiceURL}/@connections/{id} (sent as %40connections), signed
/// with SigV4 as "execute-api". Errors arrive as <see cref="AmazonApiGatewayManagementApiException"/> subtypes;
/// a connection that has gone away answers <see cref="GoneException"/>.
/// </summary>
public sealed class AmazonApiGatewayManagementApiClient : IAmazonApiGatewayManagementApi
{
    internal static readonly AwsServiceDescription Service = new("ApiGatewayManagementApi", "execute-api", "execute-api", AwsErrorProtocol.RestJson, CreateException);

    private readonly AwsServiceTransport transport;

    public AmazonApiGatewayManagementApiClient(AmazonApiGatewayManagementApiConfig config)
        : this(null, config, null)
    {
    }

    public AmazonApiGatewayManagementApiClient(AWSCredentials credentials, AmazonApiGatewayManagementApiConfig config)
        : this(credentials, config, null)
    {
    }

    internal AmazonApiGatewayManagementApiClient(AWSCredentials? credentials, AmazonApiGatewayManagementApiConfig config, AwsTransportOverrides? overrides)
    {
        ArgumentNullException.ThrowIfNull(config);
        transport = new AwsServiceTransport(Service, config.ToSettings(), credentials, overrides);
    }

    public async Task<PostToConnectionResponse> PostToConnectionAsync(PostToConnectionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var data = request.Data is { } stream ? Remaining(stream) : ReadOnlyMemory<byte>.Empty;
        var response = await transport.SendAsync(
            new AwsRequest(HttpMethod.Post, ConnectionPath(request.ConnectionId), "application/octet-stream", null, data),
            cancellationToken).ConfigureAwait(false);
        return new PostToConnectionResponse { HttpStatusCode = response.StatusCode, ContentLength = response.Body.LongLength, ResponseMetadata = Metadata(response) };
    }

    public async Task<GetConnectionResponse> GetConnectionAsync(GetConnectionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var response = await transport.SendAsync(
            new AwsRequest(HttpMethod.Get, ConnectionPath(request.ConnectionId), null, null, ReadOnlyMemory<byte>.Empty),
            cancellationToken).ConfigureAwait(false);
        var result = new GetConnectionResponse { HttpStatusCode = response.StatusCode, ContentLength = response.Body.LongLength, ResponseMetadata = Metadata(response) };
        if (response.Body.Length > 0)
        {
            using var document = JsonDocument.Parse(response.Body);
            var root = document.RootElement;
            result.ConnectedAt = Json.Timestamp(root, "connectedAt");
            result.LastActiveAt = Json.Timestamp(root, "lastActiveAt");
            if (root.TryGetProperty("identity", out var identity) && identity.ValueKind == JsonValueKind.Object)
            {
                result.Identity = new Identity { SourceIp = Json.String(identity, "sourceIp"), UserAgent = Json.String(identity, "userAgent") };
            }
        }
        return result;
    }

    public async Task<DeleteConnectionResponse> DeleteConnectionAsync(DeleteConnectionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var response = await transport.SendAsync(
            new AwsRequest(HttpMethod.Delete, ConnectionPath(request.ConnectionId), null, null, ReadOnlyMemory<byte>.Empty),
            cancellationToken).ConfigureAwait(false);
        return new DeleteConnectionResponse { HttpStatusCode = response.StatusCode, ContentLength = response.Body.LongLength, ResponseMetadata = Metadata(response) };
    }

    public void Dispose() => transport.Dispose();

    /// <summary>
    /// /%40connections/{connectionId}: the SDK's marshallers percent-encode the whole resource path, its '@' too, and
    /// the id ('=' in API Gateway's ids becomes %3D). API Gateway reads both forms.
    /// </summary>
    internal static string ConnectionPath(string? connectionId) =>
        string.IsNullOrEmpty(connectionId)
            ? throw new AmazonApiGatewayManagementApiException("Request object does not have required field ConnectionId set")
            : "/%40connections/" + Uri.EscapeDataString(connectionId);

    /// <summary>The bytes from the stream's position to its end, without copying when the buffer is reachable.</summary>
    private static ReadOnlyMemory<byte> Remaining(MemoryStream stream)
    {
        var start = (int)stream.Position;
        return stream.TryGetBuffer(out var buffer)
            ? buffer.AsMemory(start, (int)stream.Length - start)
            : stream.ToArray().AsMemory(start);
    }

    private static ResponseMetadata Metadata(AwsResponse response) => new() { RequestId = response.RequestId };

    /// <summary>
    /// By error type when the answer names one; otherwise by the HTTP status each error shape declares in the model
    /// (API Gateway answers a vanished connection with a bare 410).
    /// </summary>
    private static AmazonApiGatewayManagementApiException CreateException(AwsError error) => (error.Code ?? CodeForStatus(error.StatusCode)) switch
    {
        "GoneException" => new GoneException(error.Message, error.Type, error.Code ?? "GoneException", error.RequestId, error.StatusCode),
        "ForbiddenException" => new ForbiddenException(error.Message, error.Type, error.Code ?? "ForbiddenException", error.RequestId, error.StatusCode),
        "LimitExceededException" => new LimitExceededException(error.Message, error.Type, error.Code ?? "LimitExceededException", error.RequestId, error.StatusCode),
        "PayloadTooLargeException" => new PayloadTooLargeException(error.Message, error.Type, error.Code ?? "PayloadTooLargeException", error.RequestId, error.StatusCode),
        _ => new AmazonApiGatewayManagementApiException(error.Message, error.Type, error.Code, error.RequestId, error.StatusCode),
    };

    private static string? CodeForStatus(HttpStatusCode status) => status switch
    {
        HttpStatusCode.Gone => "GoneException",
        HttpStatusCode.Forbidden => "ForbiddenException",
        HttpStatusCode.TooManyRequests => "LimitExceededException",
        HttpStatusCode.RequestEntityTooLarge => "PayloadTooLargeException",
        _ => null,
    };
}
