using Amazon.CDK;
using Amazon.CDK.AWS.Lambda;
using Amazon.CDK.AWS.S3;
using Amazon.CDK.AWS.S3.Notifications;
using Constructs;
using ImageLabelsLive.Functions.Catalog;

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
        IReadOnlyList<string> origins = settings.AllowLocalhost ? [website.Url, .. InfraSettings.LocalhostOrigins] : [website.Url];
        uploads.AllowBrowserUploadsFrom(origins);
        var httpApi = new HttpApi(this, "Http", origins);
        var webSocket = new WebSocketApi(this, "WebSocket");
        var pushShards = new PushShards(this, "PushShards", notifications.Key);

        // Every function of the catalog, with its trigger, settings and role.
        var functions = new PipelineFunctions(this, "Functions", new PipelineFunctionsProps(
            code, tables, uploads, notifications, pushShards, httpApi, webSocket, website, settings));
        pushShards.AllowOnlyPublisher(functions[FunctionCatalog.PushResults].Role!);
        website.DeployContent(props.FrontendDistPath, httpApi.Url, webSocket.Url);

        var alarms = new Alarms(this, "Alarms", notifications.Topic);
        foreach (var (name, function) in functions.Functions)
        {
            alarms.OnErrors(name, function);
        }
        foreach (var (name, queue) in functions.DeadLetterQueues)
        {
            alarms.OnDeadLetters(name, queue);
        }

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
