using System.Text.Json;
using System.Text.Json.Serialization;
using Amazon.Lambda.APIGatewayEvents;
using Amazon.Lambda.DynamoDBEvents;
using Amazon.Lambda.S3Events;
using Amazon.Lambda.SNSEvents;

namespace ImageLabelsLive.Aws.Serialization;

/// <summary>
/// Source-generated (de)serialization of every Lambda event and answer the functions exchange, in both
/// directions: the functions read events and write answers with it, and the local host writes events and
/// reads answers with it. The real Amazon.Lambda.Serialization.SystemTextJson package ships no such
/// context (applications declare their own), so this file is the project's and stays if the package comes.
/// </summary>
/// <remarks>
/// Property names are case-insensitive on reading, as with Lambda's own serializer; nulls are left out
/// on writing so an answer carries only what was set.
/// </remarks>
[JsonSourceGenerationOptions(
    PropertyNameCaseInsensitive = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = true)]
[JsonSerializable(typeof(APIGatewayHttpApiV2ProxyRequest))]
[JsonSerializable(typeof(APIGatewayHttpApiV2ProxyRequest.ProxyRequestContext), TypeInfoPropertyName = "HttpApiV2ProxyRequestContext")]
[JsonSerializable(typeof(APIGatewayHttpApiV2ProxyResponse))]
[JsonSerializable(typeof(APIGatewayProxyRequest))]
[JsonSerializable(typeof(APIGatewayProxyRequest.ProxyRequestContext), TypeInfoPropertyName = "ProxyRequestContext")]
[JsonSerializable(typeof(APIGatewayProxyResponse))]
[JsonSerializable(typeof(S3Event))]
[JsonSerializable(typeof(SNSEvent))]
[JsonSerializable(typeof(DynamoDBEvent))]
[JsonSerializable(typeof(StreamsEventResponse))]
[JsonSerializable(typeof(Dictionary<string, DynamoDBEvent.AttributeValue>), TypeInfoPropertyName = "AttributeValueMap")]
public sealed partial class LambdaJson : JsonSerializerContext;
