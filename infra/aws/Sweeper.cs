using System.Globalization;
using Amazon.CDK;
using Amazon.CDK.AWS.Events;
using Amazon.CDK.AWS.Lambda;
using Amazon.CDK.AWS.Logs;
using Constructs;
using ImageLabelsLive.Aws.DynamoDb;
using LambdaFunction = Amazon.CDK.AWS.Lambda.Function;
using LambdaFunctionProps = Amazon.CDK.AWS.Lambda.FunctionProps;
using LambdaTarget = Amazon.CDK.AWS.Events.Targets.LambdaFunction;

namespace ImageLabelsLive.Infra;

internal sealed record SweeperProps(Code Code, DataTables Tables, UploadBucket Uploads, InfraSettings Settings);

/// <summary>
/// SweepStaleImages on an EventBridge schedule (every five minutes): fails uploads that never finished and re-drives,
/// then fails, images stuck in processing. Its role allows exactly what it calls: a Query on the sparse unfinished
/// index, GetItem/UpdateItem on Images, the ranged GetObject and DetectLabels of a re-drive.
/// </summary>
internal sealed class Sweeper : Construct
{
    public static readonly FunctionSpec Spec = new("SweepStaleImages", 1024, 300, "Every 5 minutes: fails unfinished uploads, re-drives then fails images stuck in processing");

    public static readonly Duration Interval = Duration.Minutes(5);

    /// <summary>Added to the upload URL's lifetime and ProcessImage's timeout before a record counts as stuck.</summary>
    public const int GraceSeconds = 300;

    public Sweeper(Construct scope, string id, SweeperProps props)
        : base(scope, id)
    {
        ArgumentNullException.ThrowIfNull(props);
        var images = props.Tables.Images;
        var bucket = props.Uploads.Bucket;
        Function = new LambdaFunction(this, Spec.ConstructId, new LambdaFunctionProps
        {
            Runtime = PipelineFunctions.Dotnet10,
            Architecture = PipelineFunctions.Architecture,
            Code = props.Code,
            Handler = Spec.Handler,
            Description = Spec.Description,
            MemorySize = Spec.MemorySize,
            Timeout = Duration.Seconds(Spec.TimeoutSeconds),
            // One sweep at a time: overlapping sweeps would be harmless (every write is conditional) but wasteful.
            ReservedConcurrentExecutions = 1,
            Environment = new Dictionary<string, string>
            {
                ["IMAGES_TABLE"] = images.TableName,
                ["UPLOAD_BUCKET"] = bucket.BucketName,
                ["UPLOAD_URL_TTL_SECONDS"] = Invariant(PipelineFunctions.UploadUrlTtlSeconds),
                ["PROCESSOR_TIMEOUT_SECONDS"] = Invariant(PipelineFunctions.ProcessImageSpec.TimeoutSeconds),
                ["SWEEP_GRACE_SECONDS"] = Invariant(GraceSeconds),
                ["MIN_CONFIDENCE"] = Invariant(props.Settings.MinConfidence),
                ["MAX_LABELS"] = Invariant(props.Settings.MaxLabels),
            }.Concat(PipelineFunctions.AnalysisSwitches(props.Settings)).ToDictionary(),
            LogGroup = new LogGroup(this, Spec.ConstructId + "Logs", new LogGroupProps
            {
                Retention = RetentionDays.TWO_WEEKS,
                RemovalPolicy = RemovalPolicy.DESTROY,
            }),
        });
        PipelineFunctions.Allow(Function, ["dynamodb:Query"], DataTables.IndexArn(images, TableSchemas.ImagesUnfinishedIndex));
        PipelineFunctions.Allow(Function, ["dynamodb:GetItem", "dynamodb:UpdateItem"], images.TableArn);
        // A re-drive runs ProcessImage's use case: the magic-byte read and every analysis (Rekognition reads the object as the caller).
        PipelineFunctions.Allow(Function, ["s3:GetObject"], bucket.ArnForObjects(UploadBucket.UploadsPrefix + "*"));
        PipelineFunctions.AllowAnalyses(Function, props.Settings);

        Schedule = new Rule(this, "Schedule", new RuleProps
        {
            Description = "Runs SweepStaleImages",
            Schedule = Amazon.CDK.AWS.Events.Schedule.Rate(Interval),
            Targets = [new LambdaTarget(Function)],
        });
    }

    public LambdaFunction Function { get; }

    public Rule Schedule { get; }

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
