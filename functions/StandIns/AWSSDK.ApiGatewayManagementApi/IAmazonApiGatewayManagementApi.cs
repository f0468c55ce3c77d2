using Amazon.ApiGatewayManagementApi.Model;

namespace Amazon.ApiGatewayManagementApi;

/// <summary>AWSSDK.ApiGatewayManagementApi's client interface: the three connection operations.</summary>
public interface IAmazonApiGatewayManagementApi : IDisposable
{
    Task<PostToConnectionResponse> PostToConnectionAsync(PostToConnectionRequest request, CancellationToken cancellationToken = default);

    Task<GetConnectionResponse> GetConnectionAsync(GetConnectionRequest request, CancellationToken cancellationToken = default);

    Task<DeleteConnectionResponse> DeleteConnectionAsync(DeleteConnectionRequest request, CancellationToken cancellationToken = default);
}
