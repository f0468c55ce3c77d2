using Amazon.ApiGatewayManagementApi;
using Amazon.Runtime;

namespace Amazon.ApiGatewayManagementApi.Model;

/// <summary>Sends <see cref="Data"/> to one WebSocket connection as a single message.</summary>
public class PostToConnectionRequest : AmazonApiGatewayManagementApiRequest
{
    public string? ConnectionId { get; set; }

    /// <summary>Up to 128 KB; sent from the stream's current position to its end, as AWSSDK does.</summary>
    public MemoryStream? Data { get; set; }
}

public class PostToConnectionResponse : AmazonWebServiceResponse;

public class GetConnectionRequest : AmazonApiGatewayManagementApiRequest
{
    public string? ConnectionId { get; set; }
}

/// <summary>When the connection was made and last used, and who made it.</summary>
public class GetConnectionResponse : AmazonWebServiceResponse
{
    public DateTime? ConnectedAt { get; set; }

    public Identity? Identity { get; set; }

    public DateTime? LastActiveAt { get; set; }
}

public class Identity
{
    public string? SourceIp { get; set; }

    public string? UserAgent { get; set; }
}

/// <summary>Closes a WebSocket connection from the server side.</summary>
public class DeleteConnectionRequest : AmazonApiGatewayManagementApiRequest
{
    public string? ConnectionId { get; set; }
}

public class DeleteConnectionResponse : AmazonWebServiceResponse;
