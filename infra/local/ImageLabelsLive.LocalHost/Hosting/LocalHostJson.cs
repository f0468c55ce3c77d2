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

/// <summary>GET /local/faults: the fault-injection hooks in force and what they have done so far.</summary>
public sealed record FaultReport(
    int S3EventDeliveries,
    int StreamDuplicateDeliveries,
    double WebSocketKeepAliveSeconds,
    bool ControlApi,
    int ManagementApiFaultsRemaining,
    long ManagementApiFaultsServed,
    double WebSocketOpenDelayMs,
    IReadOnlyDictionary<string, string> SidecarsHeldDownUntil);

/// <summary>POST /local/faults/websocket.</summary>
public sealed record WebSocketFaultRequest(int OpenDelayMs);

/// <summary>POST /local/faults/management-api.</summary>
public sealed record ManagementApiFaultRequest(int Status, int Count, string? ConnectionId);

/// <summary>POST /local/faults/sidecars/{name}/down.</summary>
public sealed record SidecarDownRequest(double Seconds);

/// <summary>The web API's error shape, for what the host itself refuses (a request while stopping).</summary>
public sealed record ErrorBody(ErrorDetail Error);

public sealed record ErrorDetail(string Code, string Message);

[JsonSourceGenerationOptions(System.Text.Json.JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ClientConfig))]
[JsonSerializable(typeof(LocalEndpoints))]
[JsonSerializable(typeof(HealthReport))]
[JsonSerializable(typeof(FaultReport))]
[JsonSerializable(typeof(ManagementApiFaultRequest))]
[JsonSerializable(typeof(SidecarDownRequest))]
[JsonSerializable(typeof(WebSocketFaultRequest))]
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(ErrorBody))]
public sealed partial class LocalHostJson : JsonSerializerContext;
