using System.Text.Json.Serialization;

namespace ImageLabelsLive.LocalHost.Hosting;

/// <summary>GET /config.json: what the page needs to find the APIs (mailboxUrl only exists locally).</summary>
public sealed record ClientConfig(string ApiUrl, string WebSocketUrl, string? MailboxUrl);

/// <summary>GET /local/endpoints: where each played AWS service answers, for the app and for any AWS client.</summary>
public sealed record LocalEndpoints(
    string S3,
    [property: JsonPropertyName("dynamodb")] string DynamoDb,
    string Sns,
    string Rekognition,
    [property: JsonPropertyName("apigatewaymanagementapi")] string ApiGatewayManagementApi,
    string Mailbox,
    string UploadBucket,
    string ImagesTable,
    string ConnectionsTable,
    string TopicArn,
    string Region);

public sealed record PartHealth(string State, string Url, int Restarts)
{
    public string? Detail { get; init; }
}

public sealed record HealthReport(string Status, IReadOnlyDictionary<string, PartHealth> Parts);

[JsonSourceGenerationOptions(System.Text.Json.JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ClientConfig))]
[JsonSerializable(typeof(LocalEndpoints))]
[JsonSerializable(typeof(HealthReport))]
[JsonSerializable(typeof(Dictionary<string, string>))]
public sealed partial class LocalHostJson : JsonSerializerContext;
