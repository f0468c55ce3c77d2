using System.Net;
using System.Net.Sockets;
using Amazon.ApiGatewayManagementApi;
using Amazon.ApiGatewayManagementApi.Model;

namespace ImageLabelsLive.Aws.Tests.StandIns;

/// <summary>
/// The production path end to end: a client built with its public constructor (pooled SocketsHttpHandler, real
/// clock) against a small HttpListener playing the local host's management endpoint.
/// </summary>
public sealed class LocalListenerTests : IDisposable
{
    private readonly HttpListener listener = new();
    private readonly int port;

    public LocalListenerTests()
    {
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
    }

    [Fact]
    public async Task PostToConnectionAsync_OverSocket_ArrivesSignedAtLocalPathAndMaps410()
    {
        var serve = ServeOnceAsync(HttpStatusCode.Gone);
        using var client = new AmazonApiGatewayManagementApiClient(
            TestClients.Credentials,
            new AmazonApiGatewayManagementApiConfig { ServiceURL = $"http://127.0.0.1:{port}/local/apigw", AuthenticationRegion = "eu-west-1" });

        await Should.ThrowAsync<GoneException>(() => client.PostToConnectionAsync(
            new PostToConnectionRequest { ConnectionId = "R1kmxc2VNjMCFIA=", Data = new MemoryStream("{\"type\":\"image\"}"u8.ToArray()) }));

        var received = await serve;
        received.Method.ShouldBe(HttpMethod.Post);
        received.Uri.PathAndQuery.ShouldBe("/local/apigw/%40connections/R1kmxc2VNjMCFIA%3D");
        received.Header("Host").ShouldBe($"127.0.0.1:{port}");
        received.BodyText.ShouldBe("{\"type\":\"image\"}");
        received.Scope[1..].ShouldBe(["eu-west-1", "execute-api", "aws4_request"]);
        DateTime.ParseExact(received.Scope[0], "yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture).ShouldBe(DateTime.UtcNow.Date, TimeSpan.FromDays(1));
        SignatureCheck.ShouldVerify(received, TestClients.Credentials);
    }

    public void Dispose() => ((IDisposable)listener).Dispose();

    private async Task<RecordedRequest> ServeOnceAsync(HttpStatusCode status)
    {
        var context = await listener.GetContextAsync();
        using var body = new MemoryStream();
        await context.Request.InputStream.CopyToAsync(body);
        var headers = context.Request.Headers.AllKeys.ToDictionary(key => key!, key => context.Request.Headers[key]!, StringComparer.OrdinalIgnoreCase);
        var recorded = new RecordedRequest(new HttpMethod(context.Request.HttpMethod), new Uri($"http://127.0.0.1:{port}{context.Request.RawUrl}"), headers, body.ToArray());
        context.Response.StatusCode = (int)status;
        context.Response.Close();
        return recorded;
    }
}
