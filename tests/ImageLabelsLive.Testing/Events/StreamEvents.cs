using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.Lambda.DynamoDBEvents;
using ImageLabelsLive.Aws.Serialization;
using ImageLabelsLive.Core.Images;

namespace ImageLabelsLive.Testing.Events;

/// <summary>One change of the Images table as the stream reports it; either image may be absent.</summary>
public sealed record ImageStreamChange(string EventName, string SequenceNumber, JsonObject? OldImage, JsonObject? NewImage);

/// <summary>
/// DynamoDB stream events the tests write themselves: images in DynamoDB JSON, shaped as an
/// Images table item of DESIGN.md's data model (written here by hand, not by the adapter under test).
/// </summary>
public static class StreamEvents
{
    public static JsonObject Item(ImageRecord record, bool notified = false)
    {
        var item = new JsonObject
        {
            ["imageId"] = S(record.ImageId),
            ["feedId"] = S(record.FeedId),
            ["fileName"] = S(record.FileName),
            ["contentType"] = S(record.ContentType),
            ["size"] = N(record.Size.ToString(CultureInfo.InvariantCulture)),
            ["status"] = S(record.Status.ToWire()),
            ["labels"] = new JsonObject { ["L"] = new JsonArray([.. record.Labels.Select(LabelItem)]) },
            ["createdAt"] = S(record.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)),
            ["updatedAt"] = S(record.UpdatedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)),
        };
        if (record.Error is { } error)
        {
            item["error"] = new JsonObject { ["M"] = new JsonObject { ["code"] = S(error.Code), ["message"] = S(error.Message) } };
        }
        if (notified)
        {
            item["notifiedAt"] = S("2026-11-21T09:00:10.000Z");
        }
        return item;
    }

    public static ImageStreamChange Insert(string sequenceNumber, ImageRecord record) => new("INSERT", sequenceNumber, null, Item(record));

    public static ImageStreamChange Modify(string sequenceNumber, ImageRecord before, ImageRecord after) => new("MODIFY", sequenceNumber, Item(before), Item(after));

    public static ImageStreamChange Remove(string sequenceNumber, ImageRecord before) => new("REMOVE", sequenceNumber, Item(before), null);

    public static JsonObject Event(params ImageStreamChange[] changes) => new()
    {
        ["Records"] = new JsonArray([.. changes.Select(Record)]),
    };

    public static DynamoDBEvent ToEvent(JsonObject lambdaEvent) =>
        JsonSerializer.Deserialize(lambdaEvent.ToJsonString(), LambdaJson.Default.DynamoDBEvent)!;

    public static DynamoDBEvent Typed(params ImageStreamChange[] changes) => ToEvent(Event(changes));

    /// <summary>A real stream event from ../shared with its images replaced by image items, keeping everything else as AWS sent it.</summary>
    public static JsonObject SharedWithImages(string fileName, params (JsonObject? OldImage, JsonObject? NewImage)[] images)
    {
        var lambdaEvent = LambdaInvocation.SharedEvent(fileName);
        var records = lambdaEvent["Records"]!.AsArray();
        for (var i = 0; i < records.Count; i++)
        {
            var dynamodb = records[i]!["dynamodb"]!.AsObject();
            dynamodb.Remove("OldImage");
            dynamodb.Remove("NewImage");
            if (images[i].OldImage is { } oldImage)
            {
                dynamodb["OldImage"] = oldImage;
            }
            if (images[i].NewImage is { } newImage)
            {
                dynamodb["NewImage"] = newImage;
                dynamodb["Keys"] = new JsonObject { ["imageId"] = newImage["imageId"]!.DeepClone() };
            }
        }
        return lambdaEvent;
    }

    private static JsonObject Record(ImageStreamChange change)
    {
        var keySource = change.NewImage ?? change.OldImage ?? throw new ArgumentException("A change needs an image.", nameof(change));
        var dynamodb = new JsonObject
        {
            ["ApproximateCreationDateTime"] = 1795338000,
            ["Keys"] = keySource["imageId"] is { } imageId ? new JsonObject { ["imageId"] = imageId.DeepClone() } : new JsonObject(),
            ["SequenceNumber"] = change.SequenceNumber,
            ["SizeBytes"] = 512,
            ["StreamViewType"] = "NEW_AND_OLD_IMAGES",
        };
        if (change.OldImage is not null)
        {
            dynamodb["OldImage"] = change.OldImage.DeepClone();
        }
        if (change.NewImage is not null)
        {
            dynamodb["NewImage"] = change.NewImage.DeepClone();
        }
        return new JsonObject
        {
            ["eventID"] = "ev-" + change.SequenceNumber,
            ["eventName"] = change.EventName,
            ["eventVersion"] = "1.1",
            ["eventSource"] = "aws:dynamodb",
            ["awsRegion"] = "eu-west-1",
            ["dynamodb"] = dynamodb,
            ["eventSourceARN"] = "arn:aws:dynamodb:eu-west-1:123456789012:table/Images/stream/2026-11-21T09:00:00.000",
        };
    }

    private static JsonObject LabelItem(Label label) => new()
    {
        ["M"] = new JsonObject
        {
            ["name"] = S(label.Name),
            ["confidence"] = N(label.Confidence.ToString("R", CultureInfo.InvariantCulture)),
            ["parents"] = new JsonObject { ["L"] = new JsonArray([.. label.Parents.Select(parent => (JsonNode)S(parent))]) },
            ["instances"] = new JsonObject
            {
                ["L"] = new JsonArray([.. label.Instances.Select(instance => (JsonNode)new JsonObject
                {
                    ["M"] = new JsonObject
                    {
                        ["confidence"] = N(instance.Confidence.ToString("R", CultureInfo.InvariantCulture)),
                        ["boundingBox"] = new JsonObject
                        {
                            ["M"] = new JsonObject
                            {
                                ["left"] = N(instance.BoundingBox.Left.ToString("R", CultureInfo.InvariantCulture)),
                                ["top"] = N(instance.BoundingBox.Top.ToString("R", CultureInfo.InvariantCulture)),
                                ["width"] = N(instance.BoundingBox.Width.ToString("R", CultureInfo.InvariantCulture)),
                                ["height"] = N(instance.BoundingBox.Height.ToString("R", CultureInfo.InvariantCulture)),
                            },
                        },
                    },
                })]),
            },
        },
    };

    private static JsonObject S(string value) => new() { ["S"] = value };

    private static JsonObject N(string value) => new() { ["N"] = value };
}

/// <summary>S3 ObjectCreated events the tests write themselves; keys go in exactly as given (already URL-encoded, as S3 sends them).</summary>
public static class S3Events
{
    public const string Bucket = "ill-uploads";

    public static JsonObject ObjectCreated(params (string EncodedKey, long Size)[] objects) => new()
    {
        ["Records"] = new JsonArray([.. objects.Select(o => (JsonNode)new JsonObject
        {
            ["eventVersion"] = "2.1",
            ["eventSource"] = "aws:s3",
            ["awsRegion"] = "eu-west-1",
            ["eventTime"] = "2026-11-21T09:00:05.000Z",
            ["eventName"] = "ObjectCreated:Put",
            ["userIdentity"] = new JsonObject { ["principalId"] = "AWS:EXAMPLE" },
            ["requestParameters"] = new JsonObject { ["sourceIPAddress"] = "203.0.113.7" },
            ["responseElements"] = new JsonObject { ["x-amz-request-id"] = "R1", ["x-amz-id-2"] = "ID2" },
            ["s3"] = new JsonObject
            {
                ["s3SchemaVersion"] = "1.0",
                ["configurationId"] = "uploads",
                ["bucket"] = new JsonObject { ["name"] = Bucket, ["ownerIdentity"] = new JsonObject { ["principalId"] = "EXAMPLE" }, ["arn"] = "arn:aws:s3:::" + Bucket },
                ["object"] = new JsonObject { ["key"] = o.EncodedKey, ["size"] = o.Size, ["eTag"] = "0123456789abcdef", ["sequencer"] = "0A1B2C3D4E5F678901" },
            },
        })]),
    };

    public static Amazon.Lambda.S3Events.S3Event Typed(params (string EncodedKey, long Size)[] objects) =>
        JsonSerializer.Deserialize(ObjectCreated(objects).ToJsonString(), LambdaJson.Default.S3Event)!;
}
