namespace ImageLabelsLive.Core.Ports;

/// <summary>Counts each connection's messages per window, across containers (the Connections item on AWS).</summary>
public interface IConnectionMessageCounter
{
    /// <summary>Counts one message of <paramref name="connectionId"/> in <paramref name="window"/>; returns the window's count so far, or 0 for a connection the store does not know.</summary>
    Task<int> CountAsync(string connectionId, long window, CancellationToken cancellationToken);
}
