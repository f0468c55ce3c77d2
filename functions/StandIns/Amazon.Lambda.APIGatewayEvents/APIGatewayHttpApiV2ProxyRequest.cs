using System.Text.Json.Serialization;

namespace Amazon.Lambda.APIGatewayEvents;

/// <summary>
/// An API Gateway HTTP API request, payload format 2.0, as Amazon.Lambda.APIGatewayEvents defines it.
/// JSON names are spelled out because the source generator has no Lambda naming policy.
/// </summary>
public class APIGatewayHttpApiV2ProxyRequest
{
    [JsonPropertyName("version")]
    public string? Version { get; set; }

    [JsonPropertyName("routeKey")]
    public string? RouteKey { get; set; }

    [JsonPropertyName("rawPath")]
    public string? RawPath { get; set; }

    [JsonPropertyName("rawQueryString")]
    public string? RawQueryString { get; set; }

    [JsonPropertyName("cookies")]
    public string[]? Cookies { get; set; }

    /// <summary>Header names arrive lower-cased; repeated headers are joined with commas.</summary>
    [JsonPropertyName("headers")]
    public IDictionary<string, string>? Headers { get; set; }

    /// <summary>Repeated parameters are joined with commas.</summary>
    [JsonPropertyName("queryStringParameters")]
    public IDictionary<string, string>? QueryStringParameters { get; set; }

    [JsonPropertyName("requestContext")]
    public ProxyRequestContext? RequestContext { get; set; }

    [JsonPropertyName("body")]
    public string? Body { get; set; }

    [JsonPropertyName("pathParameters")]
    public IDictionary<string, string>? PathParameters { get; set; }

    [JsonPropertyName("isBase64Encoded")]
    public bool IsBase64Encoded { get; set; }

    [JsonPropertyName("stageVariables")]
    public IDictionary<string, string>? StageVariables { get; set; }

    public class ProxyRequestContext
    {
        [JsonPropertyName("accountId")]
        public string? AccountId { get; set; }

        [JsonPropertyName("apiId")]
        public string? ApiId { get; set; }

        [JsonPropertyName("authorizer")]
        public AuthorizerDescription? Authorizer { get; set; }

        [JsonPropertyName("domainName")]
        public string? DomainName { get; set; }

        [JsonPropertyName("domainPrefix")]
        public string? DomainPrefix { get; set; }

        [JsonPropertyName("http")]
        public HttpDescription? Http { get; set; }

        [JsonPropertyName("requestId")]
        public string? RequestId { get; set; }

        [JsonPropertyName("routeId")]
        public string? RouteId { get; set; }

        [JsonPropertyName("routeKey")]
        public string? RouteKey { get; set; }

        [JsonPropertyName("stage")]
        public string? Stage { get; set; }

        /// <summary>The request time as API Gateway prints it, e.g. "12/Mar/2020:19:03:58 +0000".</summary>
        [JsonPropertyName("time")]
        public string? Time { get; set; }

        /// <summary>The request time in epoch milliseconds.</summary>
        [JsonPropertyName("timeEpoch")]
        public long TimeEpoch { get; set; }

        [JsonPropertyName("authentication")]
        public ProxyRequestAuthentication? Authentication { get; set; }
    }

    public class HttpDescription
    {
        [JsonPropertyName("method")]
        public string? Method { get; set; }

        [JsonPropertyName("path")]
        public string? Path { get; set; }

        [JsonPropertyName("protocol")]
        public string? Protocol { get; set; }

        [JsonPropertyName("sourceIp")]
        public string? SourceIp { get; set; }

        [JsonPropertyName("userAgent")]
        public string? UserAgent { get; set; }
    }

    public class AuthorizerDescription
    {
        [JsonPropertyName("jwt")]
        public JwtDescription? Jwt { get; set; }

        public class JwtDescription
        {
            [JsonPropertyName("claims")]
            public IDictionary<string, string>? Claims { get; set; }

            [JsonPropertyName("scopes")]
            public string[]? Scopes { get; set; }
        }
    }

    public class ProxyRequestAuthentication
    {
        [JsonPropertyName("clientCert")]
        public ProxyRequestClientCert? ClientCert { get; set; }
    }

    public class ProxyRequestClientCert
    {
        [JsonPropertyName("clientCertPem")]
        public string? ClientCertPem { get; set; }

        [JsonPropertyName("subjectDN")]
        public string? SubjectDN { get; set; }

        [JsonPropertyName("issuerDN")]
        public string? IssuerDN { get; set; }

        [JsonPropertyName("serialNumber")]
        public string? SerialNumber { get; set; }

        [JsonPropertyName("validity")]
        public ClientCertValidity? Validity { get; set; }
    }

    public class ClientCertValidity
    {
        [JsonPropertyName("notBefore")]
        public string? NotBefore { get; set; }

        [JsonPropertyName("notAfter")]
        public string? NotAfter { get; set; }
    }
}
