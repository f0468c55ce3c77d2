using System.Text.Json;

namespace ImageLabelsLive.LocalAws.DynamoDBStreams;

/// <summary>
/// DynamoDB stream event member names as Lambda sends them: camelCase around the record (eventID, awsRegion), but
/// "Records", the PascalCase members of "dynamodb" (Keys, NewImage, SequenceNumber, …), the attribute type names
/// (S, N, M, …) and "eventSourceARN" as they are spelled.
/// </summary>
internal sealed class StreamEventNaming : JsonNamingPolicy
{
    public override string ConvertName(string name) => name switch
    {
        "Records" or "ApproximateCreationDateTime" or "Keys" or "NewImage" or "OldImage" or "SequenceNumber" or "SizeBytes"
            or "StreamViewType" or "S" or "N" or "B" or "SS" or "NS" or "BS" or "M" or "L" or "NULL" or "BOOL" => name,
        "EventSourceArn" => "eventSourceARN",
        _ => CamelCase.ConvertName(name),
    };
}
