using System.Text.Json;
using System.Text.Json.Serialization;
using Amazon.Lambda.APIGatewayEvents;
using Amazon.Lambda.DynamoDBEvents;
using Amazon.Lambda.S3Events;
using Amazon.Lambda.Serialization.SystemTextJson.Converters;
using Amazon.Lambda.SNSEvents;

namespace ImageLabelsLive.Aws.Serialization;

/// <summary>
/// Source-generated (de)serialization of every Lambda event and answer the functions exchange, in both
/// directions: the functions read events and write answers with it, and the local host writes events and
/// reads answers with it. The real Amazon.Lambda.Serialization.SystemTextJson package ships no such
/// context (applications declare their own), so this file is the project's and stays if the package comes.
/// </summary>
/// <remarks>
/// The options are those Amazon.Lambda.Serialization.SystemTextJson's serializer builds: names
/// case-insensitive on reading and as declared on writing (its AwsNamingPolicy renames only the two S3
/// x-amz members, which carry their names), nulls left out, and its DateTime (epoch seconds or ISO 8601)
/// and MemoryStream (base64) converters registered here, since the event types carry none on their members.
/// The v1 and v2 requests both nest ProxyRequestClientCert and ClientCertValidity, so those get distinct names.
/// </remarks>
[JsonSourceGenerationOptions(
    PropertyNameCaseInsensitive = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = true,
    Converters = [typeof(DateTimeConverter), typeof(MemoryStreamConverter)])]
[JsonSerializable(typeof(APIGatewayHttpApiV2ProxyRequest))]
[JsonSerializable(typeof(APIGatewayHttpApiV2ProxyRequest.ProxyRequestContext), TypeInfoPropertyName = "HttpApiV2ProxyRequestContext")]
[JsonSerializable(typeof(APIGatewayHttpApiV2ProxyResponse))]
[JsonSerializable(typeof(APIGatewayProxyRequest))]
[JsonSerializable(typeof(APIGatewayProxyRequest.ProxyRequestContext), TypeInfoPropertyName = "ProxyRequestContext")]
[JsonSerializable(typeof(APIGatewayProxyRequest.ProxyRequestClientCert), TypeInfoPropertyName = "ProxyRequestClientCertV1")]
[JsonSerializable(typeof(APIGatewayProxyRequest.ClientCertValidity), TypeInfoPropertyName = "ClientCertValidityV1")]
[JsonSerializable(typeof(APIGatewayHttpApiV2ProxyRequest.ProxyRequestClientCert), TypeInfoPropertyName = "ProxyRequestClientCertV2")]
[JsonSerializable(typeof(APIGatewayHttpApiV2ProxyRequest.ClientCertValidity), TypeInfoPropertyName = "ClientCertValidityV2")]
[JsonSerializable(typeof(APIGatewayProxyResponse))]
[JsonSerializable(typeof(S3Event))]
[JsonSerializable(typeof(SNSEvent))]
[JsonSerializable(typeof(DynamoDBEvent))]
[JsonSerializable(typeof(StreamsEventResponse))]
[JsonSerializable(typeof(Dictionary<string, DynamoDBEvent.AttributeValue>), TypeInfoPropertyName = "AttributeValueMap")]
public sealed partial class LambdaJson : JsonSerializerContext;
