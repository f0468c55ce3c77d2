using System.Text.Json.Serialization;

namespace Amazon.Lambda.APIGatewayEvents;

/// <summary>
/// An API Gateway proxy request as Amazon.Lambda.APIGatewayEvents defines it. WebSocket APIs send this shape
/// to $connect, $disconnect and message routes; the WebSocket fields live in <see cref="RequestContext"/>.
/// </summary>
public class APIGatewayProxyRequest
{
    [JsonPropertyName("resource")]
    public string? Resource { get; set; }

    [JsonPropertyName("path")]
    public string? Path { get; set; }

    [JsonPropertyName("httpMethod")]
    public string? HttpMethod { get; set; }

    [JsonPropertyName("headers")]
    public IDictionary<string, string>? Headers { get; set; }

    [JsonPropertyName("multiValueHeaders")]
    public IDictionary<string, IList<string>>? MultiValueHeaders { get; set; }

    [JsonPropertyName("queryStringParameters")]
    public IDictionary<string, string>? QueryStringParameters { get; set; }

    [JsonPropertyName("multiValueQueryStringParameters")]
    public IDictionary<string, IList<string>>? MultiValueQueryStringParameters { get; set; }

    [JsonPropertyName("pathParameters")]
    public IDictionary<string, string>? PathParameters { get; set; }

    [JsonPropertyName("stageVariables")]
    public IDictionary<string, string>? StageVariables { get; set; }

    [JsonPropertyName("requestContext")]
    public ProxyRequestContext? RequestContext { get; set; }

    [JsonPropertyName("body")]
    public string? Body { get; set; }

    [JsonPropertyName("isBase64Encoded")]
    public bool IsBase64Encoded { get; set; }

    public class ProxyRequestContext
    {
        [JsonPropertyName("path")]
        public string? Path { get; set; }

        [JsonPropertyName("accountId")]
        public string? AccountId { get; set; }

        [JsonPropertyName("resourceId")]
        public string? ResourceId { get; set; }

        [JsonPropertyName("stage")]
        public string? Stage { get; set; }

        [JsonPropertyName("requestId")]
        public string? RequestId { get; set; }

        [JsonPropertyName("identity")]
        public RequestIdentity? Identity { get; set; }

        [JsonPropertyName("resourcePath")]
        public string? ResourcePath { get; set; }

        [JsonPropertyName("httpMethod")]
        public string? HttpMethod { get; set; }

        [JsonPropertyName("apiId")]
        public string? ApiId { get; set; }

        [JsonPropertyName("extendedRequestId")]
        public string? ExtendedRequestId { get; set; }

        /// <summary>The WebSocket connection this event belongs to; the management API addresses it by this id.</summary>
        [JsonPropertyName("connectionId")]
        public string? ConnectionId { get; set; }

        /// <summary>When the WebSocket connected, in epoch milliseconds.</summary>
        [JsonPropertyName("connectedAt")]
        public long ConnectedAt { get; set; }

        [JsonPropertyName("domainName")]
        public string? DomainName { get; set; }

        [JsonPropertyName("domainPrefix")]
        public string? DomainPrefix { get; set; }

        /// <summary>CONNECT, MESSAGE or DISCONNECT for WebSocket routes.</summary>
        [JsonPropertyName("eventType")]
        public string? EventType { get; set; }

        [JsonPropertyName("messageId")]
        public string? MessageId { get; set; }

        /// <summary>$connect, $disconnect, $default or a custom route's key.</summary>
        [JsonPropertyName("routeKey")]
        public string? RouteKey { get; set; }

        [JsonPropertyName("operationName")]
        public string? OperationName { get; set; }

        [JsonPropertyName("error")]
        public string? Error { get; set; }

        [JsonPropertyName("integrationLatency")]
        public string? IntegrationLatency { get; set; }

        [JsonPropertyName("messageDirection")]
        public string? MessageDirection { get; set; }

        [JsonPropertyName("requestTime")]
        public string? RequestTime { get; set; }

        /// <summary>The request time in epoch milliseconds.</summary>
        [JsonPropertyName("requestTimeEpoch")]
        public long RequestTimeEpoch { get; set; }

        [JsonPropertyName("status")]
        public string? Status { get; set; }
    }

    public class RequestIdentity
    {
        [JsonPropertyName("cognitoIdentityPoolId")]
        public string? CognitoIdentityPoolId { get; set; }

        [JsonPropertyName("accountId")]
        public string? AccountId { get; set; }

        [JsonPropertyName("cognitoIdentityId")]
        public string? CognitoIdentityId { get; set; }

        [JsonPropertyName("caller")]
        public string? Caller { get; set; }

        [JsonPropertyName("apiKey")]
        public string? ApiKey { get; set; }

        [JsonPropertyName("apiKeyId")]
        public string? ApiKeyId { get; set; }

        [JsonPropertyName("accessKey")]
        public string? AccessKey { get; set; }

        [JsonPropertyName("sourceIp")]
        public string? SourceIp { get; set; }

        [JsonPropertyName("cognitoAuthenticationType")]
        public string? CognitoAuthenticationType { get; set; }

        [JsonPropertyName("cognitoAuthenticationProvider")]
        public string? CognitoAuthenticationProvider { get; set; }

        [JsonPropertyName("userArn")]
        public string? UserArn { get; set; }

        [JsonPropertyName("userAgent")]
        public string? UserAgent { get; set; }

        [JsonPropertyName("user")]
        public string? User { get; set; }
    }
}
