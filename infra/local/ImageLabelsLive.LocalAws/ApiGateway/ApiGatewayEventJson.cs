using System.Text.Json.Serialization;
using Amazon.Lambda.APIGatewayEvents;

namespace ImageLabelsLive.LocalAws.ApiGateway;

/// <summary>
/// Writes the events API Gateway sends to Lambda from the same types the functions read them into. API Gateway's
/// names are camelCase throughout (version, routeKey, requestContext.http.sourceIp, …); absent members are left out.
/// Both request types nest ProxyRequestContext and the client-cert types, so those get distinct names.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(APIGatewayHttpApiV2ProxyRequest))]
[JsonSerializable(typeof(APIGatewayHttpApiV2ProxyRequest.ProxyRequestContext), TypeInfoPropertyName = "HttpApiV2ProxyRequestContext")]
[JsonSerializable(typeof(APIGatewayHttpApiV2ProxyRequest.ProxyRequestClientCert), TypeInfoPropertyName = "ProxyRequestClientCertV2")]
[JsonSerializable(typeof(APIGatewayHttpApiV2ProxyRequest.ClientCertValidity), TypeInfoPropertyName = "ClientCertValidityV2")]
[JsonSerializable(typeof(APIGatewayProxyRequest))]
[JsonSerializable(typeof(APIGatewayProxyRequest.ProxyRequestContext), TypeInfoPropertyName = "ProxyRequestContext")]
[JsonSerializable(typeof(APIGatewayProxyRequest.ProxyRequestClientCert), TypeInfoPropertyName = "ProxyRequestClientCertV1")]
[JsonSerializable(typeof(APIGatewayProxyRequest.ClientCertValidity), TypeInfoPropertyName = "ClientCertValidityV1")]
internal sealed partial class ApiGatewayEventJson : JsonSerializerContext;
