using System.Globalization;
using System.IO.Hashing;
using System.Text.Json.Nodes;

namespace ImageLabelsLive.LocalAws.DynamoDB;

/// <summary>
/// dynalite keeps no streams, so its DescribeTable leaves out the stream the table's schema asks for. For a table this
/// endpoint streams, the answer gains StreamSpecification, LatestStreamArn and LatestStreamLabel as DynamoDB reports
/// them, and the x-amz-crc32 of the changed body, which clients check.
/// </summary>
internal static class StreamDescription
{
    public static ForwardedResponse Add(ForwardedResponse described, string streamViewType, string streamArn)
    {
        ArgumentNullException.ThrowIfNull(described);
        ArgumentNullException.ThrowIfNull(streamArn);
        if (JsonNode.Parse(described.Body) is not JsonObject document || document["Table"] is not JsonObject table)
        {
            return described;
        }
        table["StreamSpecification"] = new JsonObject { ["StreamEnabled"] = true, ["StreamViewType"] = streamViewType };
        table["LatestStreamArn"] = streamArn;
        table["LatestStreamLabel"] = streamArn[(streamArn.LastIndexOf('/') + 1)..];
        var body = System.Text.Encoding.UTF8.GetBytes(document.ToJsonString());
        var headers = described.Headers
            .Where(header => !header.Name.Equals("x-amz-crc32", StringComparison.OrdinalIgnoreCase))
            .Append(("x-amz-crc32", [Crc32.HashToUInt32(body).ToString(CultureInfo.InvariantCulture)]))
            .ToArray();
        return described with { Headers = headers, Body = body };
    }
}
