using ImageLabelsLive.Core.Ports;

namespace ImageLabelsLive.Core.Connections;

/// <summary>
/// $default: answers what a page sends over its socket, within <see cref="ConnectionMessageLimit"/>. A client over the
/// limit gets one error message and is closed; its $disconnect then forgets it. Nobody else's messages are counted
/// against it, so other clients are unaffected.
/// </summary>
public sealed class DefaultRouteHandler(IConnectionMessageCounter counter, IConnectionMessenger messenger, TimeProvider clock)
{
    /// <summary>The reply to send back on the socket, or null when the connection is being closed instead.</summary>
    public async Task<byte[]?> HandleAsync(string connectionId, string? body, CancellationToken cancellationToken)
    {
        var count = await counter.CountAsync(connectionId, ConnectionMessageLimit.WindowOf(clock.GetUtcNow()), cancellationToken).ConfigureAwait(false);
        if (count <= ConnectionMessageLimit.PerSecond)
        {
            return ClientMessages.Reply(body);
        }
        // Posted, not returned: the route response would arrive after the close. Closing is idempotent (gone is fine),
        // so each message that races past the limit repeats it rather than relying on the first one's close.
        if (count == ConnectionMessageLimit.PerSecond + 1)
        {
            await messenger.SendAsync(connectionId, ClientMessages.TooManyMessages, cancellationToken).ConfigureAwait(false);
        }
        await messenger.CloseAsync(connectionId, cancellationToken).ConfigureAwait(false);
        return null;
    }
}
