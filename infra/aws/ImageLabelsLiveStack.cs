using Amazon.CDK;
using Amazon.CDK.AWS.Lambda;
using Amazon.CDK.AWS.S3;
using Amazon.CDK.AWS.S3.Notifications;
using Constructs;

namespace ImageLabelsLive.Infra;

internal sealed class ImageLabelsLiveStackProps : StackProps
{
    public required InfraSettings Settings { get; init; }

    /// <summary>The published ImageLabelsLive.Functions folder (see <see cref="FunctionsPublisher"/>).</summary>
    public required string FunctionsPath { get; init; }

    /// <summary>The built frontend (frontend/dist); absent means only config.json is deployed.</summary>
    public required string FrontendDistPath { get; init; }
}

/// <summary>All of ImageLabelsLive on AWS: storage, functions, both APIs, the stream consumers, email and the site.</summary>
internal sealed class ImageLabelsLiveStack : Stack
{
    public ImageLabelsLiveStack(Construct scope, string id, ImageLabelsLiveStackProps props)
        : base(scope, id, props)
    {
        ArgumentNullException.ThrowIfNull(props);
        var settings = props.Settings;

        var tables = new DataTables(this, "Tables");
        var uploads = new UploadBucket(this, "Uploads", settings.UploadExpirationDays);
        var notifications = new Notifications(this, "Notifications", settings.NotifyEmails);
        var website = new Website(this, "Website");

        var code = Code.FromAsset(FunctionsPublisher.Validate(props.FunctionsPath));
        var functions = new PipelineFunctions(this, "Functions", new PipelineFunctionsProps(
            code,
            tables,
            uploads,
            notifications,
            settings));

        // Only the processor hears about uploads, and only under uploads/.
        uploads.Bucket.AddEventNotification(
            EventType.OBJECT_CREATED,
            new LambdaDestination(functions.ProcessImage),
            new NotificationKeyFilter { Prefix = UploadBucket.UploadsPrefix });

        var webSocket = new WebSocketApi(this, "WebSocket", new WebSocketApiProps(functions.Connect, functions.Disconnect, functions.Default));
        functions.PushResults.AddEnvironment("CONNECTIONS_ENDPOINT", webSocket.ConnectionsEndpoint);
        webSocket.GrantPostToConnections(functions.PushResults);
        functions.Default.AddEnvironment("CONNECTIONS_ENDPOINT", webSocket.ConnectionsEndpoint);
        webSocket.GrantPostToConnections(functions.Default);
        webSocket.GrantCloseConnections(functions.Default);
        var pushShards = new PushShards(this, "PushShards", new PushShardsProps(functions, tables.Connections, webSocket, notifications.Key));

        IReadOnlyList<string> origins = settings.AllowLocalhost ? [website.Url, .. InfraSettings.LocalhostOrigins] : [website.Url];
        uploads.AllowBrowserUploadsFrom(origins);
        var httpApi = new HttpApi(this, "Http", new HttpApiProps(functions.UploadUrl, functions.ListFeedImages, functions.GetImage, origins)
        {
            GetFeedLabels = functions.GetFeedLabels,
            ExportFeed = functions.ExportFeed,
            DeleteImage = functions.DeleteImage,
            SubscribeToFeed = functions.SubscribeToFeed,
        });

        functions.NotifyResults.AddEnvironment("SITE_URL", website.Url);
        var streams = new StreamConsumers(this, "Streams", tables.Images, functions.PushResults, functions.NotifyResults);
        var indexing = new FeedIndexing(this, "FeedIndexing", tables.Images, functions.IndexFeed);
        website.DeployContent(props.FrontendDistPath, httpApi.Url, webSocket.Url);

        var sweeper = new Sweeper(this, "Sweeper", new SweeperProps(code, tables, uploads, settings));

        var alarms = new Alarms(this, "Alarms", notifications.Topic);
        alarms.OnErrors(Sweeper.Spec.Name, sweeper.Function);
        alarms.OnDeadLetters("ProcessImage", functions.ProcessImageFailures);
        alarms.OnDeadLetters("PushResults", streams.PushFailures);
        alarms.OnDeadLetters("NotifyResults", streams.NotifyFailures);
        alarms.OnDeadLetters("IndexFeed", indexing.Failures);
        foreach (var (spec, function) in functions.Each())
        {
            alarms.OnErrors(spec.Name, function);
        }
        alarms.OnDeadLetters("PushShard", pushShards.Failures);
        alarms.OnErrors(PushShards.PushShardSpec.Name, pushShards.Function);

        // CDK 2.160's own handlers would otherwise ask for runtimes Lambda no longer creates functions on.
        Aspects.Of(this).Add(new SupportedLambdaRuntimes());

        Output("SiteUrl", website.Url, "The app: open it, upload an image, watch the labels arrive");
        Output("HttpApiUrl", httpApi.Url, "Base URL of the web API (apiUrl in config.json)");
        Output("WebSocketUrl", webSocket.Url, "WebSocket URL (webSocketUrl in config.json)");
        Output("TopicArn", notifications.Topic.TopicArn, "SNS topic that emails results and alarms");
        Output("UploadBucketName", uploads.Bucket.BucketName, "Private bucket that receives the uploads");
        Output("ImagesTableName", tables.Images.TableName, "DynamoDB table of image records");
        Output("ConnectionsTableName", tables.Connections.TableName, "DynamoDB table of open WebSocket connections");
    }

    private void Output(string id, string value, string description) =>
        _ = new CfnOutput(this, id, new CfnOutputProps { Value = value, Description = description });
}
