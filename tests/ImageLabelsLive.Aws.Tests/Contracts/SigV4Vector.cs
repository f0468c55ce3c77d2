using System.Globalization;
using System.Text;
using System.Text.Json;
using Amazon.Runtime;
using ImageLabelsLive.Aws.Tests.StandIns;
using ImageLabelsLive.Testing;

namespace ImageLabelsLive.Aws.Tests.Contracts;

/// <summary>One case of the AWS SigV4 test suite (aws-c-auth layout under contracts/sigv4/aws-c-auth-v4).</summary>
internal sealed class SigV4Vector
{
    private SigV4Vector(string name)
    {
        Name = name;
        Directory = SharedData.PathOf("contracts", "sigv4", "aws-c-auth-v4", name);
        using var context = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Directory, "context.json")));
        var root = context.RootElement;
        var credentials = root.GetProperty("credentials");
        AccessKey = credentials.GetProperty("access_key_id").GetString()!;
        SecretKey = credentials.GetProperty("secret_access_key").GetString()!;
        Token = credentials.TryGetProperty("token", out var token) ? token.GetString() : null;
        Region = root.GetProperty("region").GetString()!;
        Service = root.GetProperty("service").GetString()!;
        SignBody = root.GetProperty("sign_body").GetBoolean();
        ExpiresIn = TimeSpan.FromSeconds(root.GetProperty("expiration_in_seconds").GetInt32());
        Timestamp = DateTimeOffset.Parse(root.GetProperty("timestamp").GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
    }

    public string Name { get; }

    public string Directory { get; }

    public string AccessKey { get; }

    public string SecretKey { get; }

    public string? Token { get; }

    public string Region { get; }

    public string Service { get; }

    public bool SignBody { get; }

    public TimeSpan ExpiresIn { get; }

    public DateTimeOffset Timestamp { get; }

    public AWSCredentials Credentials => Token is null ? new BasicAWSCredentials(AccessKey, SecretKey) : new SessionAWSCredentials(AccessKey, SecretKey, Token);

    public static SigV4Vector Load(string name) => new(name);

    public string Read(string file) => File.ReadAllText(Path.Combine(Directory, file), Encoding.UTF8).Trim();

    /// <summary>
    /// request.txt as an HttpRequestMessage (read as bytes: whitespace matters): the request line, "Name:value"
    /// headers (Host goes into the URI; Content-* onto the content), a blank line, the body. Returns the body too.
    /// </summary>
    public (HttpRequestMessage Request, byte[] Body) ToHttpRequest()
    {
        var text = Encoding.UTF8.GetString(File.ReadAllBytes(Path.Combine(Directory, "request.txt")));
        var split = text.IndexOf("\n\n", StringComparison.Ordinal);
        var head = split >= 0 ? text[..split] : text.TrimEnd('\n');
        var body = split >= 0 ? Encoding.UTF8.GetBytes(text[(split + 2)..]) : [];
        var lines = head.Split('\n');
        var requestLine = lines[0];
        var method = requestLine[..requestLine.IndexOf(' ', StringComparison.Ordinal)];
        var target = requestLine[(method.Length + 1)..requestLine.LastIndexOf(" HTTP/", StringComparison.Ordinal)];
        var headers = lines[1..].Select(line => (Name: line[..line.IndexOf(':', StringComparison.Ordinal)], Value: line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..])).ToList();
        var host = headers.Single(header => header.Name.Equals("Host", StringComparison.OrdinalIgnoreCase)).Value;

        var request = new HttpRequestMessage(new HttpMethod(method), new Uri("https://" + host + target));
        if (body.Length > 0 || headers.Any(header => header.Name.StartsWith("Content-", StringComparison.OrdinalIgnoreCase)))
        {
            request.Content = new ByteArrayContent(body);
        }
        foreach (var (name, value) in headers.Where(header => !header.Name.Equals("Host", StringComparison.OrdinalIgnoreCase)))
        {
            if (name.StartsWith("Content-", StringComparison.OrdinalIgnoreCase))
            {
                request.Content!.Headers.TryAddWithoutValidation(name, value);
            }
            else
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }
        }
        return (request, body);
    }

    /// <summary>The suite's signature for a canonical request, by the test oracle.</summary>
    public string SignCanonicalRequest(string canonicalRequest) => SigV4Oracle.Sign(canonicalRequest, SecretKey, Region, Service, Timestamp);

    /// <summary>
    /// The suite's header canonical request with x-amz-content-sha256 added as a signed header, which AWSSDK.Core
    /// always signs (the suite signs it only in its sign_body cases).
    /// </summary>
    public string CanonicalRequestWithContentHash()
    {
        var lines = Read("header-canonical-request.txt").Split('\n');
        var payloadHash = lines[^1];
        var blank = Array.IndexOf(lines, "", 3);
        var headerLines = lines[3..blank].Append("x-amz-content-sha256:" + payloadHash).Distinct().Order(StringComparer.Ordinal);
        var signedHeaders = lines[blank + 1].Split(';').Append("x-amz-content-sha256").Distinct().Order(StringComparer.Ordinal);
        return string.Join('\n', lines[..3].Concat(headerLines).Append("").Append(string.Join(';', signedHeaders)).Append(payloadHash));
    }
}
