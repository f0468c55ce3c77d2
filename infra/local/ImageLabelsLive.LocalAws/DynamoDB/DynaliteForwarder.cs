using Microsoft.AspNetCore.Http;

namespace ImageLabelsLive.LocalAws.DynamoDB;

/// <summary>Passes a client's request to dynalite as it came (less hop-by-hop headers) and buffers the answer.</summary>
internal sealed class DynaliteForwarder(DynaliteClient dynalite)
{
    private static readonly HashSet<string> HopByHopHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Host", "Connection", "Keep-Alive", "Transfer-Encoding", "Upgrade", "Proxy-Connection", "Proxy-Authorization",
        "TE", "Trailer", "Expect", "Content-Length",
    };

    public async Task<ForwardedResponse> ForwardAsync(HttpRequest request, byte[] body, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(new HttpMethod(request.Method), "/" + request.QueryString.Value);
        if (body.Length > 0 || HttpMethods.IsPost(request.Method))
        {
            message.Content = new ByteArrayContent(body);
        }
        foreach (var (name, values) in request.Headers)
        {
            if (HopByHopHeaders.Contains(name))
            {
                continue;
            }
            if (!message.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values))
            {
                message.Content?.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values);
            }
        }
        using var response = await dynalite.SendAsync(message, cancellationToken).ConfigureAwait(false);
        var headers = response.Headers.Concat(response.Content.Headers)
            .Where(h => !HopByHopHeaders.Contains(h.Key))
            .Select(h => (h.Key, h.Value.ToArray()))
            .ToArray();
        var responseBody = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        return new ForwardedResponse(response.StatusCode, headers, responseBody);
    }
}
