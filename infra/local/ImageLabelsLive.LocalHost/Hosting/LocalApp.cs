using System.Diagnostics;
using System.Net;
using System.Text.Json;
using ImageLabelsLive.Aws.Configuration;
using ImageLabelsLive.Functions.Catalog;
using ImageLabelsLive.LocalAws.ApiGateway;
using ImageLabelsLive.LocalAws.Lambda;
using ImageLabelsLive.LocalHost.Lambda;
using ImageLabelsLive.LocalHost.Sidecars;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ImageLabelsLive.LocalHost.Hosting;

/// <summary>
/// The whole app on one machine: the sidecars (dynalite, maildev, the detector), the AWS stand-ins on
/// one port, and the app's own functions wired to them exactly as on AWS, through endpoints only.
/// </summary>
public sealed partial class LocalApp : IAsyncDisposable
{
    private readonly LocalSettings settings;
    private readonly bool fresh;
    private readonly ILoggerFactory loggerFactory;
    private readonly HttpClient healthClient = new() { Timeout = TimeSpan.FromSeconds(3) };
    private readonly List<SidecarProcess> sidecars = [];
    private WebApplication? app;
    private DataFolderLock? dataFolderLock;

    public LocalApp(LocalSettings settings, bool fresh)
    {
        this.settings = settings;
        this.fresh = fresh;
        loggerFactory = LoggerFactory.Create(logging => ConfigureLogging(logging));
        Logger = loggerFactory.CreateLogger("LocalApp");
        Ports = SidecarPorts.Allocate();
    }

    public ILogger Logger { get; }

    public SidecarPorts Ports { get; }

    public Uri MailboxUrl => new($"http://127.0.0.1:{Ports.MailboxWeb}/");

    public Uri DetectorUrl => new($"http://127.0.0.1:{Ports.Detector}/");

    public Uri DynaliteUrl => new($"http://127.0.0.1:{Ports.Dynalite}/");

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        PrepareDataDirectory();
        RequireSidecarsInstalled();
        StartSidecars();
        SetFunctionEnvironment();

        // The host reads no appsettings file. Watching for one would put an inotify watch on every folder below the
        // content root (the repository, node_modules included) and wake on every journal write: 5 % of the host's
        // CPU in a pipeline run.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ContentRootPath = settings.RepositoryRoot,
            Args = ["--hostBuilder:reloadConfigOnChange=false"],
        });
        builder.Logging.ClearProviders();
        ConfigureLogging(builder.Logging);
        builder.WebHost.UseKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, settings.Port);
            kestrel.Limits.MaxRequestBodySize = 20 * 1024 * 1024;
        });
        builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.TypeInfoResolverChain.Insert(0, LocalHostJson.Default));
        builder.Services.AddSingleton<ILambdaInvoker, InProcessLambdaInvoker>();
        builder.Services.AddLocalWebSocketApi(new WebSocketApiOptions
        {
            ConnectFunction = FunctionCatalog.ForWebSocketRoute(WebSocketRoute.Connect).Name,
            DisconnectFunction = FunctionCatalog.ForWebSocketRoute(WebSocketRoute.Disconnect).Name,
            DefaultFunction = FunctionCatalog.ForWebSocketRoute(WebSocketRoute.Default).Name,
            IdleTimeout = settings.WebSocketIdleTimeout,
            KeepAliveInterval = settings.Faults.WebSocketKeepAlive,
        });
        AddAwsStandIns(builder.Services);
        AddDrain(builder.Services);
        AddSweeper(builder.Services);

        app = builder.Build();
        app.UseWebSockets();
        app.Use(LogRequestAsync);
        app.Use(RefuseNewWorkWhileDrainingAsync);
        app.MapGet("/health", HealthAsync);
        app.MapGet("/local/endpoints", (HttpContext context) => Results.Json(Endpoints(), LocalHostJson.Default.LocalEndpoints));
        app.MapGet("/config.json", (HttpContext context) => Results.Json(ClientConfig(context), LocalHostJson.Default.ClientConfig));
        app.MapLocalHttpApi(LocalSettings.ApiPath,
            [.. FunctionCatalog.TriggeredBy<HttpRoute>().Select(entry => new HttpApiRoute(entry.Trigger.Method, entry.Trigger.Path, entry.Function.Name))]);
        app.MapLocalWebSocketApi(LocalSettings.WebSocketPath);
        app.MapLocalManagementApi(LocalSettings.ManagementApiPath);
        MapFaultInjection(app);
        MapAwsStandIns(app);
        MapFrontend(app);

        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException exception)
        {
            throw new IOException($"Port {settings.Port} on 127.0.0.1 is taken; stop what uses it or start with --port N. ({exception.Message})", exception);
        }
        await Task.WhenAll(sidecars.Select(sidecar => sidecar.WaitUntilHealthyAsync(TimeSpan.FromSeconds(60), cancellationToken))).ConfigureAwait(false);
        await PrepareAwsStandInsAsync(app.Services, cancellationToken).ConfigureAwait(false);
    }

    public async Task WaitForShutdownAsync()
    {
        if (app is not null)
        {
            await app.WaitForShutdownAsync().ConfigureAwait(false);
        }
    }

    private void PrepareDataDirectory()
    {
        // First, before anything in the folder changes: a second host on it (a second ./run.sh) stops here, and so
        // does --fresh on a folder this app did not make.
        dataFolderLock = DataFolderLock.Acquire(settings.DataDirectory, fresh);
        if (fresh)
        {
            Logger.LogInformation("--fresh: emptied {DataDirectory}", settings.DataDirectory);
        }
        Directory.CreateDirectory(settings.ObjectsDirectory);
        Directory.CreateDirectory(settings.DynamoDbDirectory);
        LocalKeyPairFile.Save(settings.DataDirectory, settings.Credentials);
    }

    private void RequireSidecarsInstalled()
    {
        if (!Directory.Exists(Path.Combine(settings.SidecarsDirectory, "node_modules")))
        {
            throw new InvalidOperationException($"The sidecars are not installed; run ./run.sh (or: cd {settings.SidecarsDirectory} && npm ci).");
        }
    }

    private void StartSidecars()
    {
        var modules = Path.Combine(settings.SidecarsDirectory, "node_modules");
        var hostPid = Environment.ProcessId.ToString(Invariant);
        // A host killed with SIGKILL cannot stop its sidecars: dynalite and maildev run under parent-watch.js, and the
        // detector watches by itself, so each exits once this process is gone.
        string[] WatchingThisHost(params string[] tool) =>
            [Path.Combine(settings.SidecarsDirectory, "parent-watch", "parent-watch.js"), "--parent-pid", hostPid, .. tool];
        var specs = new[]
        {
            new SidecarSpec(
                "dynalite",
                settings.SidecarsDirectory,
                WatchingThisHost(Path.Combine(modules, "dynalite", "cli.js"), "--port", Ports.Dynalite.ToString(Invariant), "--host", "127.0.0.1", "--path", settings.DynamoDbDirectory, "--createTableMs", "0", "--deleteTableMs", "0", "--updateTableMs", "0"),
                DynaliteUrl,
                DynaliteUrl),
            new SidecarSpec(
                "maildev",
                settings.SidecarsDirectory,
                WatchingThisHost(Path.Combine(modules, "maildev", "bin", "maildev"), "--smtp", Ports.Smtp.ToString(Invariant), "--web", Ports.MailboxWeb.ToString(Invariant), "--ip", "127.0.0.1", "--mail-directory", Path.Combine(settings.DataDirectory, "mail"), "--silent"),
                new Uri(MailboxUrl, "healthz"),
                MailboxUrl),
            new SidecarSpec(
                "detector",
                settings.SidecarsDirectory,
                [Path.Combine(settings.SidecarsDirectory, "detector", "server.js"), "--port", Ports.Detector.ToString(Invariant), "--s3-endpoint", settings.Endpoint(LocalSettings.S3Path).ToString(), "--parent-pid", hostPid,
                    // Requests wait in the detector's queue rather than being throttled into backing off while its workers idle.
                    "--queue", "256"],
                new Uri(DetectorUrl, "health"),
                DetectorUrl)
            {
                // Rekognition reads an S3Object with its caller's access, and the local bucket serves only signed GETs.
                Environment = new Dictionary<string, string>(StringComparer.Ordinal)
                {
                    ["AWS_ACCESS_KEY_ID"] = settings.Credentials.AccessKeyId,
                    ["AWS_SECRET_ACCESS_KEY"] = settings.Credentials.SecretAccessKey,
                    ["AWS_REGION"] = settings.Region,
                },
            },
        };
        foreach (var spec in specs)
        {
            var sidecar = new SidecarProcess(spec, loggerFactory.CreateLogger(spec.Name), healthClient);
            sidecar.Start();
            sidecars.Add(sidecar);
        }
    }

    /// <summary>
    /// The functions get what Lambda would give them: a region, a key pair, and their settings. Only
    /// the endpoints differ from AWS, so the production clients talk to the stand-ins.
    /// </summary>
    private void SetFunctionEnvironment()
    {
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["AWS_REGION"] = settings.Region,
            ["AWS_DEFAULT_REGION"] = settings.Region,
            ["AWS_ACCESS_KEY_ID"] = settings.Credentials.AccessKeyId,
            ["AWS_SECRET_ACCESS_KEY"] = settings.Credentials.SecretAccessKey,
            ["AWS_SESSION_TOKEN"] = null,
            ["AWS_PROFILE"] = null,
            [SettingNames.ImagesTable] = settings.ImagesTable,
            [SettingNames.ConnectionsTable] = settings.ConnectionsTable,
            [SettingNames.FeedIndexTable] = settings.FeedIndexTable,
            [SettingNames.UploadBucket] = settings.UploadBucket,
            [SettingNames.TopicArn] = settings.TopicArn,
            [SettingNames.PushShardTopicArn] = settings.PushShardTopicArn,
            // A set value wins, so a benchmark can compare shard sizes on the same stack.
            [SettingNames.PushShardSize] = Environment.GetEnvironmentVariable(SettingNames.PushShardSize),
            [SettingNames.SubscriptionRequestsTable] = settings.SubscriptionRequestsTable,
            [SettingNames.ConnectionsEndpoint] = settings.Endpoint(LocalSettings.ManagementApiPath).ToString(),
            [SettingNames.SiteUrl] = settings.BaseUrl.ToString(),
            // An email claim whose sender died (a crash) is taken over by the stream's retry after this long.
            [SettingNames.NotifyClaimLeaseSeconds] = Environment.GetEnvironmentVariable(SettingNames.NotifyClaimLeaseSeconds) ?? "5",
            [SettingNames.ProcessorTimeoutSeconds] = Environment.GetEnvironmentVariable(SettingNames.ProcessorTimeoutSeconds) ?? LocalProcessorTimeoutSeconds.ToString(Invariant),
            [SettingNames.SweepGraceSeconds] = Environment.GetEnvironmentVariable(SettingNames.SweepGraceSeconds) ?? LocalSweepGraceSeconds.ToString(Invariant),
            [SettingNames.MinConfidence] = settings.MinConfidence.ToString(Invariant),
            // The local detector labels a few images a second (Rekognition: 50 a second), so a burst of uploads queues
            // far longer here; ProcessImage waits that long for it before failing an image. A set value wins.
            [SettingNames.DetectorRetrySeconds] = Environment.GetEnvironmentVariable(SettingNames.DetectorRetrySeconds) ?? LocalSettings.DetectorRetrySeconds.ToString(Invariant),
            ["AWS_ENDPOINT_URL_S3"] = settings.Endpoint(LocalSettings.S3Path).ToString(),
            ["AWS_ENDPOINT_URL_DYNAMODB"] = settings.Endpoint(LocalSettings.DynamoDbPath).ToString(),
            ["AWS_ENDPOINT_URL_SNS"] = settings.Endpoint(LocalSettings.SnsPath).ToString(),
            ["AWS_ENDPOINT_URL_REKOGNITION"] = DetectorUrl.ToString(),
        };
        foreach (var (name, value) in environment)
        {
            Environment.SetEnvironmentVariable(name, value);
        }
    }

    private LocalEndpoints Endpoints() => new(
        S3: settings.Endpoint(LocalSettings.S3Path).ToString(),
        DynamoDb: settings.Endpoint(LocalSettings.DynamoDbPath).ToString(),
        Sns: settings.Endpoint(LocalSettings.SnsPath).ToString(),
        Rekognition: DetectorUrl.ToString(),
        ApiGatewayManagementApi: settings.Endpoint(LocalSettings.ManagementApiPath).ToString(),
        Mailbox: MailboxUrl.ToString(),
        UploadBucket: settings.UploadBucket,
        ImagesTable: settings.ImagesTable,
        ConnectionsTable: settings.ConnectionsTable,
        TopicArn: settings.TopicArn,
        Region: settings.Region);

    /// <summary>URLs built from the Host the page used, so a page opened as localhost stays same-origin.</summary>
    private ClientConfig ClientConfig(HttpContext context)
    {
        var host = context.Request.Host.HasValue ? context.Request.Host.Value : $"127.0.0.1:{settings.Port}";
        return new ClientConfig($"http://{host}{LocalSettings.ApiPath}", $"ws://{host}{LocalSettings.WebSocketPath}", MailboxUrl.ToString());
    }

    private async Task HealthAsync(HttpContext context)
    {
        var parts = new Dictionary<string, PartHealth>(StringComparer.Ordinal);
        var checks = sidecars.Select(async sidecar =>
        {
            var healthy = await sidecar.IsHealthyAsync(context.RequestAborted).ConfigureAwait(false);
            return (sidecar.Spec.Name, new PartHealth(healthy ? "up" : "down", sidecar.Spec.PublicUrl.ToString(), sidecar.Restarts));
        }).Concat(StandInHealthChecks(context.RequestServices, context.RequestAborted));
        foreach (var (name, health) in await Task.WhenAll(checks).ConfigureAwait(false))
        {
            parts[name] = health;
        }
        parts["apigateway"] = new PartHealth("up", settings.Endpoint(LocalSettings.WebSocketPath).ToString(), 0)
        {
            Detail = $"{context.RequestServices.GetRequiredService<WebSocketConnections>().Count} open WebSocket connections",
        };
        var allUp = parts.Values.All(part => part.State == "up");
        context.Response.StatusCode = allUp ? 200 : 503;
        await context.Response.WriteAsJsonAsync(new HealthReport(allUp ? "ok" : "degraded", parts), LocalHostJson.Default.HealthReport, cancellationToken: context.RequestAborted).ConfigureAwait(false);
    }

    private void MapFrontend(WebApplication web)
    {
        if (Directory.Exists(settings.FrontendDirectory) && File.Exists(Path.Combine(settings.FrontendDirectory, "index.html")))
        {
            var files = new PhysicalFileProvider(settings.FrontendDirectory);
            web.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
            web.UseStaticFiles(new StaticFileOptions { FileProvider = files });
            return;
        }
        web.MapGet("/", () => Results.Content(
            "<!doctype html><title>ImageLabelsLive</title><p>The page is not built yet: run <code>./run.sh</code>, which builds <code>frontend/</code>.</p>",
            "text/html"));
    }

    private async Task LogRequestAsync(HttpContext context, Func<Task> next)
    {
        var started = Stopwatch.GetTimestamp();
        await next().ConfigureAwait(false);
        var path = context.Request.Path.Value ?? "/";
        // The page's own files and health probes would drown the lines that matter.
        if (path.StartsWith("/assets/", StringComparison.Ordinal) || path == "/health")
        {
            return;
        }
        // The functions' own calls to the stand-ins (a DynamoDB query, one @connections POST per tab) are the
        // plumbing behind one user action: thousands per push to a big feed. Uploads and failures stay visible.
        var level = path.StartsWith("/local/", StringComparison.Ordinal) && context.Response.StatusCode < 400 && !HttpMethods.IsPut(context.Request.Method)
            ? LogLevel.Debug
            : LogLevel.Information;
        if (Logger.IsEnabled(level))
        {
            Logger.Log(level, "{Method} {Path} {Status} {Milliseconds:0} ms", context.Request.Method, path, context.Response.StatusCode, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }

    private static void ConfigureLogging(ILoggingBuilder logging)
    {
        logging.AddSimpleConsole(console =>
        {
            console.SingleLine = true;
            console.TimestampFormat = "HH:mm:ss.fff ";
            console.IncludeScopes = false;
        });
        logging.SetMinimumLevel(LogLevel.Information);
        logging.AddFilter("Microsoft", LogLevel.Warning);
        logging.AddFilter("System.Net.Http", LogLevel.Warning);
    }

    private static IFormatProvider Invariant => System.Globalization.CultureInfo.InvariantCulture;

    public async ValueTask DisposeAsync()
    {
        if (app is not null)
        {
            app.Services.GetService<WebSocketConnections>()?.CloseAll();
            await app.StopAsync().ConfigureAwait(false);
            await app.DisposeAsync().ConfigureAwait(false);
        }
        foreach (var sidecar in sidecars)
        {
            await sidecar.DisposeAsync().ConfigureAwait(false);
        }
        healthClient.Dispose();
        loggerFactory.Dispose();
        // Last: the sidecars write to the folder until they are gone.
        dataFolderLock?.Dispose();
    }
}
