using System.Globalization;

namespace ImageLabelsLive.LocalAws.Signing;

/// <summary>Where a request carries its SigV4 signature.</summary>
public enum SigV4SignatureLocation
{
    /// <summary>Authorization: AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…</summary>
    Header,

    /// <summary>A presigned URL: X-Amz-Algorithm, -Credential, -Date, -Expires, -SignedHeaders, -Signature.</summary>
    Query,
}

/// <summary>What a request claims about its signature, before anyone checks it.</summary>
public sealed record SigV4Authorization
{
    public const string Algorithm = "AWS4-HMAC-SHA256";

    /// <summary>The longest validity a presigned URL may ask for (7 days), as AWS enforces.</summary>
    public static readonly TimeSpan MaxPresignedExpiry = TimeSpan.FromDays(7);

    public required SigV4SignatureLocation Location { get; init; }
    public required string AccessKeyId { get; init; }

    /// <summary>The credential scope's date, yyyyMMdd.</summary>
    public required string ScopeDate { get; init; }
    public required string Region { get; init; }
    public required string Service { get; init; }

    /// <summary>Lower-case header names, in the order the client listed them.</summary>
    public required IReadOnlyList<string> SignedHeaders { get; init; }
    public required string Signature { get; init; }

    /// <summary>The request's timestamp as signed (X-Amz-Date, else Date).</summary>
    public required DateTimeOffset SignedAt { get; init; }

    /// <summary>The timestamp exactly as written on the request (yyyyMMddTHHmmssZ for X-Amz-Date).</summary>
    public required string SignedAtText { get; init; }

    /// <summary>How long a presigned URL is valid (X-Amz-Expires); null for header signatures.</summary>
    public TimeSpan? Expires { get; init; }

    public string Scope => $"{ScopeDate}/{Region}/{Service}/aws4_request";

    public string SignedHeadersText => string.Join(';', SignedHeaders);

    /// <summary>
    /// Reads the signature a request claims. <see cref="SigV4ParseResult.NotSigned"/> when it has none; a
    /// <see cref="SigV4ParseResult.Error"/> when it tries to sign but the parts are missing or malformed.
    /// </summary>
    public static SigV4ParseResult Parse(SigV4Request request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var header = request.Header("Authorization");
        var queryAlgorithm = request.Query("X-Amz-Algorithm");
        if (header is not null)
        {
            return ParseHeader(request, header);
        }
        return queryAlgorithm is not null ? ParseQuery(request, queryAlgorithm) : SigV4ParseResult.NotSigned;
    }

    private static SigV4ParseResult ParseHeader(SigV4Request request, string header)
    {
        var trimmed = header.Trim();
        if (!trimmed.StartsWith(Algorithm + " ", StringComparison.Ordinal))
        {
            return SigV4ParseResult.Fail(SigV4SignatureLocation.Header, $"Unsupported Authorization type; only {Algorithm} is accepted.");
        }
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in trimmed[(Algorithm.Length + 1)..].Split(','))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                fields[part[..equals].Trim()] = part[(equals + 1)..].Trim();
            }
        }
        if (!fields.TryGetValue("Credential", out var credential)
            || !fields.TryGetValue("SignedHeaders", out var signedHeaders)
            || !fields.TryGetValue("Signature", out var signature))
        {
            return SigV4ParseResult.Fail(SigV4SignatureLocation.Header, "The authorization header is malformed; it needs Credential, SignedHeaders and Signature.");
        }
        var dateText = request.Header("X-Amz-Date") ?? request.Header("Date");
        if (dateText is null || !TryParseDate(dateText, out var signedAt))
        {
            return SigV4ParseResult.Fail(SigV4SignatureLocation.Header, "The request needs a valid X-Amz-Date or Date header.");
        }
        return Build(SigV4SignatureLocation.Header, credential, signedHeaders, signature, signedAt, dateText.Trim(), expires: null);
    }

    private static SigV4ParseResult ParseQuery(SigV4Request request, string algorithm)
    {
        const SigV4SignatureLocation location = SigV4SignatureLocation.Query;
        if (!string.Equals(algorithm, Algorithm, StringComparison.Ordinal))
        {
            return SigV4ParseResult.Fail(location, $"X-Amz-Algorithm only supports \"{Algorithm}\".");
        }
        var credential = request.Query("X-Amz-Credential");
        var dateText = request.Query("X-Amz-Date");
        var expiresText = request.Query("X-Amz-Expires");
        var signedHeaders = request.Query("X-Amz-SignedHeaders");
        var signature = request.Query("X-Amz-Signature");
        if (credential is null || dateText is null || expiresText is null || signedHeaders is null || signature is null)
        {
            return SigV4ParseResult.Fail(location,
                "Query-string authentication requires the X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters.");
        }
        if (!TryParseDate(dateText, out var signedAt))
        {
            return SigV4ParseResult.Fail(location, "X-Amz-Date must be in the ISO8601 Long Format \"yyyyMMdd'T'HHmmss'Z'\".");
        }
        if (!long.TryParse(expiresText, NumberStyles.None, CultureInfo.InvariantCulture, out var expiresSeconds)
            || expiresSeconds <= 0)
        {
            return SigV4ParseResult.Fail(location, "X-Amz-Expires should be a number of seconds greater than 0.");
        }
        if (expiresSeconds > MaxPresignedExpiry.TotalSeconds)
        {
            return SigV4ParseResult.Fail(location, "X-Amz-Expires must be less than a week (in seconds) that is; 604800.");
        }
        return Build(location, credential, signedHeaders, signature, signedAt, dateText, TimeSpan.FromSeconds(expiresSeconds));
    }

    private static SigV4ParseResult Build(
        SigV4SignatureLocation location, string credential, string signedHeaders, string signature,
        DateTimeOffset signedAt, string signedAtText, TimeSpan? expires)
    {
        // Credential = AccessKeyId/yyyyMMdd/region/service/aws4_request
        var parts = credential.Split('/');
        if (parts.Length != 5 || parts.Any(p => p.Length == 0) || parts[4] != "aws4_request")
        {
            return SigV4ParseResult.Fail(location, $"The credential '{credential}' is malformed; expected \"<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request\".");
        }
        var headers = signedHeaders.Split(';', StringSplitOptions.RemoveEmptyEntries);
        if (headers.Length == 0 || signature.Length == 0)
        {
            return SigV4ParseResult.Fail(location, "SignedHeaders and Signature must not be empty.");
        }
        return SigV4ParseResult.Signed(new SigV4Authorization
        {
            Location = location,
            AccessKeyId = parts[0],
            ScopeDate = parts[1],
            Region = parts[2],
            Service = parts[3],
            SignedHeaders = [.. headers.Select(h => h.Trim().ToLowerInvariant())],
            Signature = signature.Trim(),
            SignedAt = signedAt,
            SignedAtText = signedAtText,
            Expires = expires,
        });
    }

    private static bool TryParseDate(string text, out DateTimeOffset value) =>
        DateTimeOffset.TryParseExact(text.Trim(), "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out value)
        || DateTimeOffset.TryParseExact(text.Trim(), "r", CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out value);
}

/// <summary>The outcome of reading a request's claimed signature.</summary>
public sealed record SigV4ParseResult
{
    public static readonly SigV4ParseResult NotSigned = new();

    /// <summary>The signature the request claims; null when it is unsigned or malformed.</summary>
    public SigV4Authorization? Authorization { get; private init; }

    /// <summary>Why the signature could not be read; null unless malformed.</summary>
    public string? Error { get; private init; }

    /// <summary>Where the malformed signature was (header or query); null unless malformed.</summary>
    public SigV4SignatureLocation? ErrorLocation { get; private init; }

    public bool IsNotSigned => Authorization is null && Error is null;

    internal static SigV4ParseResult Signed(SigV4Authorization authorization) => new() { Authorization = authorization };

    internal static SigV4ParseResult Fail(SigV4SignatureLocation location, string error) => new() { Error = error, ErrorLocation = location };
}
