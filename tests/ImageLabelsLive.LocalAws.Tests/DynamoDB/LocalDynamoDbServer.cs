using Amazon.DynamoDBv2;
using Amazon.Runtime;
using ImageLabelsLive.Aws.DynamoDb;
using ImageLabelsLive.LocalAws.DynamoDB;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ImageLabelsLive.LocalAws.Tests.DynamoDB;

/// <summary>A real Kestrel app on 127.0.0.1:0 that mounts the DynamoDB endpoint at /local/dynamodb, as the host does.</summary>
internal sealed class LocalDynamoDbServer : IAsyncDisposable
{
    public const string PathPrefix = "/local/dynamodb";

    private readonly WebApplication _app;

    private LocalDynamoDbServer(WebApplication app, Uri baseAddress, LocalDynamoDbOptions options)
    {
        _app = app;
        BaseAddress = baseAddress;
        Options = options;
    }

    public Uri BaseAddress { get; }

    public LocalDynamoDbOptions Options { get; }

    public Uri ServiceUrl => new(BaseAddress, PathPrefix);

    public IServiceProvider Services => _app.Services;

    /// <summary>Starts the app with unique table names (so tests sharing one dynalite never meet) unless given.</summary>
    public static async Task<LocalDynamoDbServer> StartAsync(
        DynaliteFixture dynalite,
        Action<LocalDynamoDbOptions, IServiceCollection>? configure = null,
        string? imagesTable = null,
        string? connectionsTable = null,
        bool createTables = true)
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        // The app's own table schemas, as the local host passes them.
        var images = TableSchemas.Images(imagesTable ?? "Images-" + suffix);
        var connections = TableSchemas.Connections(connectionsTable ?? "Connections-" + suffix);
        var options = new LocalDynamoDbOptions
        {
            DynaliteUrl = dynalite.Url,
            ImagesTableName = images.Create.TableName,
            ConnectionsTableName = connections.Create.TableName,
            Tables = [images.Create, connections.Create],
            TimeToLive = [images.TimeToLive()!, connections.TimeToLive()!],
        };
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddLocalDynamoDb(options);
        configure?.Invoke(options, builder.Services);
        var app = builder.Build();
        app.MapLocalDynamoDb(PathPrefix);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var server = new LocalDynamoDbServer(app, new Uri(address + "/"), options);
        if (createTables)
        {
            await app.Services.GetRequiredService<LocalTables>().EnsureCreatedAsync(CancellationToken.None);
        }
        return server;
    }

    /// <summary>The real SDK client, pointed at the endpoint, with throwaway credentials.</summary>
    public AmazonDynamoDBClient CreateClient() =>
        new(new BasicAWSCredentials("AKIDLOCALTEST", "local-test-secret"), new AmazonDynamoDBConfig
        {
            ServiceURL = ServiceUrl.ToString(),
            AuthenticationRegion = "us-east-1",
            MaxErrorRetry = 0,
        });

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
