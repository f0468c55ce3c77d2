using System.Net;
using ImageLabelsLive.Functions.Catalog;
using ImageLabelsLive.LocalAws.ApiGateway;
using ImageLabelsLive.LocalAws.Lambda;
using ImageLabelsLive.Testing.Fakes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ImageLabelsLive.Benchmarks.Harness;

/// <summary>
/// The local API Gateway from LocalAws (WebSocket API + @connections management API), hosted on Kestrel at
/// 127.0.0.1 on a free port in this process, mounted at the same paths as the local host mounts them.
/// </summary>
internal sealed class LocalApiGateway : IAsyncDisposable
{
    public const string WebSocketPath = "/ws";
    public const string ManagementPath = "/local/apigateway";

    private readonly WebApplication app;

    private LocalApiGateway(WebApplication app, Uri baseUri)
    {
        this.app = app;
        BaseUri = baseUri;
    }

    public Uri BaseUri { get; }

    public Uri ManagementUri => new(BaseUri, ManagementPath);

    public Uri WebSocketUri(string feedId) => new($"ws://{BaseUri.Authority}{WebSocketPath}?feed={Uri.EscapeDataString(feedId)}");

    public InMemoryConnectionStore Store => app.Services.GetRequiredService<InMemoryConnectionStore>();

    public WebSocketConnections Connections => app.Services.GetRequiredService<WebSocketConnections>();

    public static async Task<LocalApiGateway> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        // The WebSocket API logs every connect at Information; thousands of lines would only slow the run.
        builder.Logging.ClearProviders();
        builder.Services.AddLocalWebSocketApi(new WebSocketApiOptions
        {
            ConnectFunction = FunctionCatalog.Connect.Name,
            DisconnectFunction = FunctionCatalog.Disconnect.Name,
            DefaultFunction = FunctionCatalog.DefaultRoute.Name,
        });
        builder.Services.AddSingleton<InMemoryConnectionStore>();
        builder.Services.AddSingleton<ILambdaInvoker>(services => new BenchLambdaInvoker(services.GetRequiredService<InMemoryConnectionStore>(), services.GetRequiredService<WebSocketConnections>()));
        var app = builder.Build();
        app.UseWebSockets();
        app.MapLocalWebSocketApi(WebSocketPath);
        app.MapLocalManagementApi(ManagementPath);
        await app.StartAsync().ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new LocalApiGateway(app, new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal)));
    }

    public async ValueTask DisposeAsync()
    {
        Connections.CloseAll();
        await app.StopAsync().ConfigureAwait(false);
        await app.DisposeAsync().ConfigureAwait(false);
    }
}
