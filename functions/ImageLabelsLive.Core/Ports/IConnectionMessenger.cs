namespace ImageLabelsLive.Core.Ports;

public enum DeliveryResult
{
    Delivered,
    /// <summary>The connection no longer exists (410 Gone); its record should be deleted.</summary>
    Gone,
}

/// <summary>Sends a message down one WebSocket (API Gateway's @connections API).</summary>
public interface IConnectionMessenger
{
    /// <summary>Throws for failures that may pass (throttling, 5xx) after the adapter's own retries.</summary>
    Task<DeliveryResult> SendAsync(string connectionId, ReadOnlyMemory<byte> message, CancellationToken cancellationToken);

    /// <summary>Closes the socket (DeleteConnection), after what was already sent to it; a connection already gone is not an error.</summary>
    Task CloseAsync(string connectionId, CancellationToken cancellationToken);
}
