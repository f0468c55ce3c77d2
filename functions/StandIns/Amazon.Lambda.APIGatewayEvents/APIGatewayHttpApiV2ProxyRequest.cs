namespace Amazon.Lambda.APIGatewayEvents;

/// <summary>
/// An API Gateway HTTP API request, payload format 2.0, as Amazon.Lambda.APIGatewayEvents defines it.
/// JSON names are spelled out because the source generator has no Lambda naming policy.
/// </summary>
public class APIGatewayHttpApiV2ProxyRequest
{
    public string? Version { get; set; }

    public string? RouteKey { get; set; }

    public string? RawPath { get; set; }

    public string? RawQueryString { get; set; }

    public string[]? Cookies { get; set; }

    /// <summary>Header names arrive lower-cased; repeated headers are joined with commas.</summary>
    public IDictionary<string, string>? Headers { get; set; }

    /// <summary>Repeated parameters are joined with commas.</summary>
    public IDictionary<string, string>? QueryStringParameters { get; set; }

    public ProxyRequestContext? RequestContext { get; set; }

    public string? Body { get; set; }

    public IDictionary<string, string>? PathParameters { get; set; }

    public bool IsBase64Encoded { get; set; }

    public IDictionary<string, string>? StageVariables { get; set; }

    public class ProxyRequestContext
    {
        public string? AccountId { get; set; }

        public string? ApiId { get; set; }

        public AuthorizerDescription? Authorizer { get; set; }

        public string? DomainName { get; set; }

        public string? DomainPrefix { get; set; }

        public HttpDescription? Http { get; set; }

        public string? RequestId { get; set; }

        public string? RouteId { get; set; }

        public string? RouteKey { get; set; }

        public string? Stage { get; set; }

        /// <summary>The request time as API Gateway prints it, e.g. "12/Mar/2020:19:03:58 +0000".</summary>
        public string? Time { get; set; }

        /// <summary>The request time in epoch milliseconds.</summary>
        public long TimeEpoch { get; set; }

        public ProxyRequestAuthentication? Authentication { get; set; }
    }

    public class HttpDescription
    {
        public string? Method { get; set; }

        public string? Path { get; set; }

        public string? Protocol { get; set; }

        public string? SourceIp { get; set; }

        public string? UserAgent { get; set; }
    }

    public class AuthorizerDescription
    {
        public JwtDescription? Jwt { get; set; }

        public class JwtDescription
        {
            public IDictionary<string, string>? Claims { get; set; }

            public string[]? Scopes { get; set; }
        }
    }

    public class ProxyRequestAuthentication
    {
        public ProxyRequestClientCert? ClientCert { get; set; }
    }

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
