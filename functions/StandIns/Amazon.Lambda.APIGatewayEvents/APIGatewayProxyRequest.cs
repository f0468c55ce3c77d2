namespace Amazon.Lambda.APIGatewayEvents;

/// <summary>
/// An API Gateway proxy request as Amazon.Lambda.APIGatewayEvents defines it. WebSocket APIs send this shape
/// to $connect, $disconnect and message routes; the WebSocket fields live in <see cref="RequestContext"/>.
/// </summary>
public class APIGatewayProxyRequest
{
    public string? Resource { get; set; }

    public string? Path { get; set; }

    public string? HttpMethod { get; set; }

    public IDictionary<string, string>? Headers { get; set; }

    public IDictionary<string, IList<string>>? MultiValueHeaders { get; set; }

    public IDictionary<string, string>? QueryStringParameters { get; set; }

    public IDictionary<string, IList<string>>? MultiValueQueryStringParameters { get; set; }

    public IDictionary<string, string>? PathParameters { get; set; }

    public IDictionary<string, string>? StageVariables { get; set; }

    public ProxyRequestContext? RequestContext { get; set; }

    public string? Body { get; set; }

    public bool IsBase64Encoded { get; set; }

    public class ProxyRequestContext
    {
        public string? Path { get; set; }

        public string? AccountId { get; set; }

        public string? ResourceId { get; set; }

        public string? Stage { get; set; }

        public string? RequestId { get; set; }

        public RequestIdentity? Identity { get; set; }

        public string? ResourcePath { get; set; }

        public string? HttpMethod { get; set; }

        public string? ApiId { get; set; }

        public string? ExtendedRequestId { get; set; }

        /// <summary>The WebSocket connection this event belongs to; the management API addresses it by this id.</summary>
        public string? ConnectionId { get; set; }

        /// <summary>When the WebSocket connected, in epoch milliseconds.</summary>
        public long ConnectedAt { get; set; }

        public string? DomainName { get; set; }

        public string? DomainPrefix { get; set; }

        /// <summary>CONNECT, MESSAGE or DISCONNECT for WebSocket routes.</summary>
        public string? EventType { get; set; }

        public string? MessageId { get; set; }

        /// <summary>$connect, $disconnect, $default or a custom route's key.</summary>
        public string? RouteKey { get; set; }

        public string? OperationName { get; set; }

        public string? Error { get; set; }

        public string? IntegrationLatency { get; set; }

        public string? MessageDirection { get; set; }

        public string? RequestTime { get; set; }

        /// <summary>The request time in epoch milliseconds.</summary>
        public long RequestTimeEpoch { get; set; }

        public string? Status { get; set; }
    }

    public class RequestIdentity
    {
        public string? CognitoIdentityPoolId { get; set; }

        public string? AccountId { get; set; }

        public string? CognitoIdentityId { get; set; }

        public string? Caller { get; set; }

        public string? ApiKey { get; set; }

        public string? ApiKeyId { get; set; }

        public string? AccessKey { get; set; }

        public string? SourceIp { get; set; }

        public string? CognitoAuthenticationType { get; set; }

        public string? CognitoAuthenticationProvider { get; set; }

        public string? UserArn { get; set; }

        public string? UserAgent { get; set; }

        public string? User { get; set; }

        /// <summary>The client certificate, when the API uses mutual TLS.</summary>
        public ProxyRequestClientCert? ClientCert { get; set; }
    }

    /// <summary>A mutual-TLS client certificate. Same name as the HTTP API v2 request's nested type, as in the package.</summary>
    public class ProxyRequestClientCert
    {
        public string? ClientCertPem { get; set; }

        public string? SubjectDN { get; set; }

        public string? IssuerDN { get; set; }

        public string? SerialNumber { get; set; }

        public ClientCertValidity? Validity { get; set; }
    }

    public class ClientCertValidity
    {
        public string? NotBefore { get; set; }

        public string? NotAfter { get; set; }
    }
}
