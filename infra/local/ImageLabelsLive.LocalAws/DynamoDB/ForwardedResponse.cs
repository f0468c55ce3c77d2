using System.Net;
using Microsoft.AspNetCore.Http;

namespace ImageLabelsLive.LocalAws.DynamoDB;

/// <summary>dynalite's answer, buffered so it can be copied to the client after the write has been observed.</summary>
internal sealed record ForwardedResponse(HttpStatusCode Status, IReadOnlyList<(string Name, string[] Values)> Headers, byte[] Body)
{
    public async Task CopyToAsync(HttpResponse response, CancellationToken cancellationToken)
    {
        response.StatusCode = (int)Status;
        foreach (var (name, values) in Headers)
        {
            response.Headers[name] = values;
        }
        response.ContentLength = Body.Length;
        await response.Body.WriteAsync(Body, cancellationToken).ConfigureAwait(false);
    }
}
