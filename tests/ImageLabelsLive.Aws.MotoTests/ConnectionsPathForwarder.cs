using System.Net;

namespace ImageLabelsLive.Aws.MotoTests;

/// <summary>
/// Sits between the management API client and moto: AWS's SDKs send the resource path percent-encoded
/// (POST /%40connections/{id}), which API Gateway reads, while moto 5.2.1 routes only a literal '@'
/// (moto/apigatewaymanagementapi/urls.py) and answers the encoded form 404. The forwarder decodes that one '@' and
/// passes everything else through, so the client is tested as it is, not bent to moto.
/// </summary>
public sealed class ConnectionsPathForwarder : IDisposable
{
    private readonly HttpListener listener = new();
    private readonly HttpClient moto = new();
    private readonly Uri target;
    private readonly Task serving;

    public ConnectionsPathForwarder(Uri motoEndpoint)
    {
        target = motoEndpoint;
        var port = ServerProcess.FreePort();
        Endpoint = new Uri($"http://127.0.0.1:{port}/");
        listener.Prefixes.Add(Endpoint.ToString());
        listener.Start();
        serving = Task.Run(ServeAsync);
    }

    public Uri Endpoint { get; }

    /// <summary>The raw paths the client sent, as they reached the forwarder.</summary>
    public List<string> ReceivedPaths { get; } = [];

    private async Task ServeAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException)
            {
                return;
            }
            await ForwardAsync(context);
        }
    }

    private async Task ForwardAsync(HttpListenerContext context)
    {
        var raw = context.Request.RawUrl ?? "/";
        lock (ReceivedPaths)
        {
            ReceivedPaths.Add(raw);
        }
        using var request = new HttpRequestMessage(new HttpMethod(context.Request.HttpMethod), new Uri(target, raw.Replace("/%40connections/", "/@connections/", StringComparison.OrdinalIgnoreCase)));
        using var body = new MemoryStream();
        await context.Request.InputStream.CopyToAsync(body);
        request.Content = new ByteArrayContent(body.ToArray());
        if (context.Request.ContentType is { } contentType)
        {
            request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }
        foreach (var name in new[] { "Authorization", "X-Amz-Date", "X-Amz-Content-SHA256", "User-Agent" })
        {
            if (context.Request.Headers[name] is { } value)
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }
        }
        using var response = await moto.SendAsync(request);
        var answer = await response.Content.ReadAsByteArrayAsync();
        context.Response.StatusCode = (int)response.StatusCode;
        if (response.Content.Headers.ContentType is { } answerType)
        {
            context.Response.ContentType = answerType.ToString();
        }
        await context.Response.OutputStream.WriteAsync(answer);
        context.Response.Close();
    }

    public void Dispose()
    {
        listener.Stop();
        listener.Close();
        serving.Wait(TimeSpan.FromSeconds(2));
        moto.Dispose();
    }
}
