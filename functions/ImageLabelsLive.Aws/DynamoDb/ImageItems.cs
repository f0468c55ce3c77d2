using System.Globalization;
using Amazon.DynamoDBv2.Model;
using ImageLabelsLive.Core.Images;
using ImageLabelsLive.Core.Web;

namespace ImageLabelsLive.Aws.DynamoDb;

/// <summary>
/// An image record as a DynamoDB item, and back. The same shape arrives in stream records, so the
/// pusher and the notifier read NewImage/OldImage through <see cref="FromItem"/> too.
/// </summary>
public static class ImageItems
{
    public const string NotifiedAt = "notifiedAt";
    /// <summary>Set once the result email went out; <see cref="NotifiedAt"/> alone is a claim that may still fail.</summary>
    public const string NotificationSentAt = "notificationSentAt";

    /// <summary>The partition key of the sweeper's sparse index (<see cref="TableSchemas.ImagesUnfinishedIndex"/>), kept only while a record is unfinished.</summary>
    public const string UnfinishedStatus = "unfinishedStatus";

    /// <summary>Epoch seconds after which DynamoDB's TTL removes a tombstone (on AWS; locally nothing depends on it).</summary>
    public const string ExpiresAt = "expiresAt";

    public static Dictionary<string, AttributeValue> ToItem(ImageRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var item = new Dictionary<string, AttributeValue>(StringComparer.Ordinal)
        {
            ["imageId"] = S(record.ImageId),
            ["feedId"] = S(record.FeedId),
            ["fileName"] = S(record.FileName),
            ["contentType"] = S(record.ContentType),
            ["size"] = N(record.Size),
            ["status"] = S(record.Status.ToWire()),
            ["labels"] = Labels(record.Labels),
            ["createdAt"] = S(UtcTimestampConverter.ToText(record.CreatedAt)),
            ["updatedAt"] = S(UtcTimestampConverter.ToText(record.UpdatedAt)),
        };
        if (record.Error is not null)
        {
            item["error"] = Error(record.Error);
        }
        foreach (var (name, value) in FindingItems.Attributes(record))
        {
            item[name] = value;
        }
        if (record.Sha256 is not null)
        {
            item["sha256"] = S(record.Sha256);
        }
        if (!record.Status.IsFinal())
        {
            item[UnfinishedStatus] = S(record.Status.ToWire());
        }
        return item;
    }

    /// <summary>Reads an item; throws <see cref="FormatException"/>, naming the attribute, when it is not an image record.</summary>
    public static ImageRecord FromItem(IReadOnlyDictionary<string, AttributeValue> item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var status = Text(item, "status");
        if (!ImageStatusNames.TryParse(status, out var parsedStatus))
        {
            throw new FormatException($"Image item has an unknown status '{status}'.");
        }
        return FindingItems.Read(item, new ImageRecord
        {
            ImageId = Text(item, "imageId"),
            FeedId = Text(item, "feedId"),
            FileName = Text(item, "fileName"),
            ContentType = Text(item, "contentType"),
            Size = long.Parse(Number(item, "size"), CultureInfo.InvariantCulture),
            Status = parsedStatus,
            Labels = item.TryGetValue("labels", out var labels) && labels.L is { } list ? list.Select(ReadLabel).ToArray() : [],
            Error = item.TryGetValue("error", out var error) && error.M is { } map ? new ImageError(Text(map, "code"), Text(map, "message")) : null,
            Sha256 = item.TryGetValue("sha256", out var sha256) && sha256.S is { } digest ? digest : null,
            CreatedAt = UtcTimestampConverter.Parse(Text(item, "createdAt")),
            UpdatedAt = UtcTimestampConverter.Parse(Text(item, "updatedAt")),
        });
    }

    public static AttributeValue Labels(IReadOnlyList<Label> labels) => new()
    {
        L = labels.Select(label => new AttributeValue
        {
            M = new Dictionary<string, AttributeValue>(StringComparer.Ordinal)
            {
                ["name"] = S(label.Name),
                ["confidence"] = N(label.Confidence),
                ["parents"] = new AttributeValue { L = label.Parents.Select(S).ToList() },
                ["categories"] = new AttributeValue { L = label.Categories.Select(S).ToList() },
                ["aliases"] = new AttributeValue { L = label.Aliases.Select(S).ToList() },
                ["instances"] = new AttributeValue
                {
                    L = label.Instances.Select(instance => new AttributeValue
                    {
                        M = new Dictionary<string, AttributeValue>(StringComparer.Ordinal)
                        {
                            ["confidence"] = N(instance.Confidence),
                            ["boundingBox"] = new AttributeValue
                            {
                                M = new Dictionary<string, AttributeValue>(StringComparer.Ordinal)
                                {
                                    ["left"] = N(instance.BoundingBox.Left),
                                    ["top"] = N(instance.BoundingBox.Top),
                                    ["width"] = N(instance.BoundingBox.Width),
                                    ["height"] = N(instance.BoundingBox.Height),
                                },
                            },
                        },
                    }).ToList(),
                },
            },
        }).ToList(),
    };

    public static AttributeValue Error(ImageError error) => new()
    {
        M = new Dictionary<string, AttributeValue>(StringComparer.Ordinal) { ["code"] = S(error.Code), ["message"] = S(error.Message) },
    };

    public static AttributeValue S(string value) => new() { S = value };

    public static AttributeValue N(double value) => new() { N = value.ToString("R", CultureInfo.InvariantCulture) };

    public static AttributeValue N(long value) => new() { N = value.ToString(CultureInfo.InvariantCulture) };

    private static Label ReadLabel(AttributeValue value)
    {
        var map = value.M ?? throw new FormatException("A label must be a map.");
        return new Label(
            Text(map, "name"),
            Double(map, "confidence"),
            map.TryGetValue("parents", out var parents) && parents.L is { } parentList ? parentList.Select(parent => parent.S ?? "").ToArray() : [],
            map.TryGetValue("instances", out var instances) && instances.L is { } instanceList
                ? instanceList.Select(instance =>
                {
                    var fields = instance.M ?? throw new FormatException("A label instance must be a map.");
                    var box = fields.TryGetValue("boundingBox", out var b) && b.M is { } boxMap ? boxMap : throw new FormatException("An instance needs a boundingBox.");
                    return new LabelInstance(
                        Double(fields, "confidence"),
                        new BoundingBox(Double(box, "left"), Double(box, "top"), Double(box, "width"), Double(box, "height")));
                }).ToArray()
                : [])
        {
            Categories = Strings(map, "categories"),
            Aliases = Strings(map, "aliases"),
        };
    }

    private static string[] Strings(Dictionary<string, AttributeValue> map, string name) =>
        map.TryGetValue(name, out var value) && value.L is { } list ? list.Select(entry => entry.S ?? "").ToArray() : [];

    private static string Text(IReadOnlyDictionary<string, AttributeValue> item, string name) =>
        item.TryGetValue(name, out var value) && value.S is { } text ? text : throw new FormatException($"Image item lacks the string attribute '{name}'.");

    private static string Text(Dictionary<string, AttributeValue> item, string name) => Text((IReadOnlyDictionary<string, AttributeValue>)item, name);

    private static string Number(IReadOnlyDictionary<string, AttributeValue> item, string name) =>
        item.TryGetValue(name, out var value) && value.N is { } number ? number : throw new FormatException($"Image item lacks the number attribute '{name}'.");

    private static double Double(Dictionary<string, AttributeValue> item, string name) =>
        double.Parse(Number(item, name), NumberStyles.Float, CultureInfo.InvariantCulture);
}
