using Amazon.DynamoDBv2.Model;
using ImageLabelsLive.Core.FeedLabels;
using ImageLabelsLive.Core.Ports;
using ImageLabelsLive.Core.Web;

namespace ImageLabelsLive.Aws.FeedIndex;

/// <summary>
/// The FeedIndex table's items (partition key pk, sort key sk, both strings), all under the feed's id:
/// <list type="bullet">
/// <item>a set's members: pk = {feedId}#{set}, sk = {createdAt}#{imageId}, so a label's images read newest first;</item>
/// <item>count items: pk = {feedId}#counts, sk = {set}, with count, the label's name, and in-flight operation ids;</item>
/// <item>the change log: pk = {feedId}#changes, sk = {updatedAt}#{imageId}, one entry per image at its latest change.</item>
/// </list>
/// </summary>
public static class FeedIndexKeys
{
    public const string PartitionKey = "pk";
    public const string SortKey = "sk";

    public static string SetPartition(string feedId, FeedSet feedSet)
    {
        ArgumentNullException.ThrowIfNull(feedSet);
        return $"{feedId}#{feedSet.Key}";
    }

    public static string LabelPartition(string feedId, string normalizedLabel) => SetPartition(feedId, new FeedSet("label#" + normalizedLabel, null, Counted: true));

    public static string CountsPartition(string feedId) => $"{feedId}#counts";

    /// <summary>The counts partition's item that says how far the counts are indexed ("at": epoch milliseconds).</summary>
    public const string IndexedThroughKey = "indexedThrough";

    public static string ChangesPartition(string feedId) => $"{feedId}#changes";

    /// <summary>Fixed-width UTC time then the id: the text sorts as (time, id) do.</summary>
    public static string Position(FeedPosition position)
    {
        ArgumentNullException.ThrowIfNull(position);
        return $"{UtcTimestampConverter.ToText(position.At)}#{position.ImageId}";
    }

    public static string Position(DateTimeOffset at, string imageId) => Position(new FeedPosition(at, imageId));

    public static FeedPosition ParsePosition(string sortKey)
    {
        ArgumentNullException.ThrowIfNull(sortKey);
        var split = sortKey.LastIndexOf('#');
        return split <= 0 ? throw new FormatException($"'{sortKey}' is not a feed index position.") : new FeedPosition(UtcTimestampConverter.Parse(sortKey[..split]), sortKey[(split + 1)..]);
    }

    public static Dictionary<string, AttributeValue> Key(string partition, string sort) => new(StringComparer.Ordinal)
    {
        [PartitionKey] = new AttributeValue { S = partition },
        [SortKey] = new AttributeValue { S = sort },
    };

    public static string LabelOf(FeedSet feedSet) => feedSet.DisplayName ?? feedSet.Key;

    public static bool IsLabelCount(string sortKey, out string normalized)
    {
        ArgumentNullException.ThrowIfNull(sortKey);
        normalized = sortKey.StartsWith("label#", StringComparison.Ordinal) ? sortKey["label#".Length..] : "";
        return normalized.Length > 0;
    }

    public static string Normalize(string label) => LabelNames.Normalize(label);
}
