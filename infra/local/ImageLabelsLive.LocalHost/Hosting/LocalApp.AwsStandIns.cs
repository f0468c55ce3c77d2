using Amazon.DynamoDBv2.Model;
using ImageLabelsLive.Aws.DynamoDb;
using ImageLabelsLive.Functions.Catalog;
using ImageLabelsLive.LocalAws.DynamoDB;
using ImageLabelsLive.LocalAws.DynamoDBStreams;
using ImageLabelsLive.LocalAws.S3;
using ImageLabelsLive.LocalAws.SimpleNotificationService;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ImageLabelsLive.LocalHost.Hosting;

/// <summary>The AWS stand-ins (LocalAws) configured as the CDK app configures the real services.</summary>
public sealed partial class LocalApp
{
    private void AddAwsStandIns(IServiceCollection services)
    {
        var uploadProcessor = FunctionCatalog.TriggeredBy<S3ObjectCreated>().Single();
        services.AddLocalS3(new LocalS3Options
        {
            DataDirectory = settings.ObjectsDirectory,
            Buckets = [settings.UploadBucket],
            Credentials = settings.Credentials,
            Region = settings.Region,
            NotificationFunction = uploadProcessor.Function.Name,
            NotificationPrefix = uploadProcessor.Trigger.Prefix,
            // ProcessImage's dead-letter queue on AWS; here one JSON line per event given up on.
            NotificationFailureDestinationPath = Path.Combine(settings.DataDirectory, "s3-event-failures.jsonl"),
            NotificationDeliveries = settings.Faults.S3EventDeliveries,
            NotificationJournalPath = Path.Combine(settings.JournalDirectory, "s3-events.jsonl"),
        });
        services.AddLocalSns(new LocalSnsOptions
        {
            TopicArns = [settings.TopicArn],
            // PushResults hands shards of a big feed to PushShard through this topic, as on AWS.
            LambdaSubscriptions =
            [
                .. FunctionCatalog.TriggeredBy<TopicMessages>().Select(entry => new SnsLambdaSubscription(TopicArn(entry.Trigger.Topic), entry.Function.Name)),
            ],
            Credentials = settings.Credentials,
            SmtpPort = Ports.Smtp,
            Recipients = settings.EmailRecipients,
            // Subscriptions made through Subscribe persist with the feeds.
            DataDirectory = settings.DataDirectory,
        });
        var tables = TableSchemas.All(settings.ImagesTable, settings.ConnectionsTable, settings.FeedIndexTable, settings.SubscriptionRequestsTable);
        services.AddLocalDynamoDb(new LocalDynamoDbOptions
        {
            Tables = [.. tables.Select(table => table.Create)],
            TimeToLive = [.. tables.Select(table => table.TimeToLive()).OfType<UpdateTimeToLiveRequest>()],
            DynaliteUrl = DynaliteUrl,
            Region = settings.Region,
            AccountId = settings.AccountId,
            ImagesTableName = settings.ImagesTable,
            ConnectionsTableName = settings.ConnectionsTable,
            FeedIndexTableName = settings.FeedIndexTable,
            SubscriptionRequestsTableName = settings.SubscriptionRequestsTable,
            JournalDirectory = settings.JournalDirectory,
        });
        // The catalog's event source mappings, as the CDK app configures them, with local backoff.
        var failures = Path.Combine(settings.DataDirectory, "stream-failures.jsonl");
        foreach (var (function, mapping) in FunctionCatalog.TriggeredBy<ImagesStreamMapping>())
        {
            services.AddLocalDynamoDbStreamConsumer(new EventSourceMappingOptions
            {
                FunctionName = function.Name,
                TableName = settings.ImagesTable,
                BatchSize = mapping.BatchSize,
                MaximumRetryAttempts = Math.Max(mapping.RetryAttempts, LocalRetryAttempts.GetValueOrDefault(function.Name)),
                MaximumRecordAge = mapping.MaxRecordAge,
                OnFailureDestinationPath = failures,
                DuplicateDeliveries = settings.Faults.StreamDuplicateDeliveries,
            });
        }
    }

    /// <summary>
    /// Locally retries come quickly (200 ms doubling to 5 s), so the mailer gets more of them to ride out an SMTP
    /// restart; the pusher's stay few, as a push is only worth sending soon.
    /// </summary>
    private static readonly Dictionary<string, int> LocalRetryAttempts = new(StringComparer.Ordinal)
    {
        [FunctionCatalog.NotifyResults.Name] = 10,
    };

    private string TopicArn(CloudResource topic) => topic switch
    {
        CloudResource.ResultsTopic => settings.TopicArn,
        CloudResource.PushShardTopic => settings.PushShardTopicArn,
        _ => throw new NotSupportedException($"{topic} is not a topic."),
    };

    private static void MapAwsStandIns(WebApplication web)
    {
        web.MapLocalS3(LocalSettings.S3Path);
        web.MapLocalSns(LocalSettings.SnsPath);
        web.MapLocalDynamoDb(LocalSettings.DynamoDbPath);
    }

    /// <summary>Creates the tables (with the CDK app's keys and indexes) once dynalite answers.</summary>
    private async Task PrepareAwsStandInsAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var tables = await services.GetRequiredService<LocalTables>().EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        if (tables.Created.Count > 0)
        {
            Logger.LogInformation("Created tables {Tables}", string.Join(", ", tables.Created));
        }
        // What a crash or stop left undelivered: stream records first (writes wait for them), then S3 events.
        await services.GetRequiredService<LocalDynamoDbStreams>().RecoverAsync(Logger, cancellationToken).ConfigureAwait(false);
        if (services.GetRequiredService<LocalS3Service>().ReplayJournaledEvents() is > 0 and var replayed)
        {
            Logger.LogInformation("Delivering {Count} ObjectCreated events a stop or crash left undelivered", replayed);
        }
        standInsPrepared = true;
    }

    /// <summary>Until the tables exist and the journals are replayed, /health says dynamodb is not up (a $connect would fail).</summary>
    private volatile bool standInsPrepared;

    private IEnumerable<Task<(string Name, PartHealth Health)>> StandInHealthChecks(IServiceProvider services, CancellationToken cancellationToken)
    {
        var streams = services.GetRequiredService<LocalDynamoDbStreams>().GetStatus();
        yield return Check("s3", settings.Endpoint(LocalSettings.S3Path), services.GetRequiredService<LocalS3Service>().IsHealthyAsync(cancellationToken));
        yield return Check("sns", settings.Endpoint(LocalSettings.SnsPath), services.GetRequiredService<LocalSnsService>().IsHealthyAsync(cancellationToken));
        yield return Check("dynamodb", settings.Endpoint(LocalSettings.DynamoDbPath), DynamoDbReadyAsync(services, cancellationToken),
            !standInsPrepared ? "creating the tables and replaying what a stop left" : string.Join("; ", streams.Consumers.Select(consumer =>
                $"{consumer.FunctionName}: {consumer.Delivered} delivered, {consumer.Pending} pending, {consumer.Retried} retried, {consumer.Failed} failed"
                + (consumer.LastError is null ? "" : $", last error at {consumer.LastErrorAt:HH:mm:ss}: {consumer.LastError}"))));
    }

    private async Task<bool> DynamoDbReadyAsync(IServiceProvider services, CancellationToken cancellationToken) =>
        standInsPrepared && await services.GetRequiredService<LocalDynamoDb>().IsHealthyAsync(cancellationToken).ConfigureAwait(false);

    private static async Task<(string Name, PartHealth Health)> Check(string name, Uri url, Task<bool> healthy, string? detail = null) =>
        (name, new PartHealth(await healthy.ConfigureAwait(false) ? "up" : "down", url.ToString(), 0) { Detail = detail });
}
