using ImageLabelsLive.Core.Ports;

namespace ImageLabelsLive.Core.Connections;

/// <summary>$disconnect: forgets the socket. Idempotent, since API Gateway may report a close more than once.</summary>
public sealed class DisconnectHandler(IConnectionStore connections)
{
    public Task HandleAsync(string connectionId, CancellationToken cancellationToken) =>
        connections.DeleteAsync(connectionId, cancellationToken);
}
