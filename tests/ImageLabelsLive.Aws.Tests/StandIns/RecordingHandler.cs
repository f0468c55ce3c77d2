using System.Net;
using System.Text;

namespace ImageLabelsLive.Aws.Tests.StandIns;

/// <summary>A request as it left the client: what the service would have received.</summary>
internal sealed record RecordedRequest(HttpMethod Method, Uri Uri, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public string BodyText => Encoding.UTF8.GetString(Body);

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    /// <summary>The parts of "AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…".</summary>
    public (string Credential, string SignedHeaders, string Signature) Authorization
    {
        get
        {
            var value = Header("Authorization") ?? throw new InvalidOperationException("The request is not signed.");
            value.ShouldStartWith("AWS4-HMAC-SHA256 ");
            var parts = value["AWS4-HMAC-SHA256 ".Length..].Split(", ").Select(part => part.Split('=', 2)).ToDictionary(pair => pair[0], pair => pair[1], StringComparer.Ordinal);
            return (parts["Credential"], parts["SignedHeaders"], parts["Signature"]);
        }
    }

    /// <summary>The credential scope after the access key: date/region/service/aws4_request.</summary>
    public string[] Scope => Authorization.Credential.Split('/')[1..];
}

/// <summary>An in-process HTTP endpoint: records every request and answers with what the test scripted.</summary>
internal sealed class RecordingHandler(Func<RecordedRequest, HttpResponseMessage> respond) : HttpMessageHandler
{
    private readonly List<RecordedRequest> requests = [];

    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (requests)
            {
                return [.. requests];
            }
        }
    }

    public RecordedRequest Single => Requests.ShouldHaveSingleItem();

    public static RecordingHandler Answering(HttpStatusCode status, string body = "", string? contentType = null, params (string Name, string Value)[] headers) =>
        new(_ => Response(status, body, contentType, headers));

    public static HttpResponseMessage Response(HttpStatusCode status, string body = "", string? contentType = null, params (string Name, string Value)[] headers)
    {
        var response = new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8) };
        response.Content.Headers.ContentType = contentType is null ? null : new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        foreach (var (name, value) in headers)
        {
            response.Headers.TryAddWithoutValidation(name, value);
        }
        return response;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in request.Headers.Concat(request.Content?.Headers ?? Enumerable.Empty<KeyValuePair<string, IEnumerable<string>>>()))
        {
            headers[header.Key] = string.Join(',', header.Value);
        }
        var recorded = new RecordedRequest(request.Method, request.RequestUri!, headers, body);
        lock (requests)
        {
            requests.Add(recorded);
        }
        return respond(recorded);
    }
}
